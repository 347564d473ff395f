-- Shared by every wrk script here: count non-2xx answers over all wrk threads (wrk itself only
-- counts >= 400 as errors). paden.lua and suggesties.lua load this file and add their requests.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
  end
  io.write(string.format("non2xx=%d\n", total))
end
