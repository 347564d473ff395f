-- Cycle through the prefixes in the file given after `--` (one a line): every request asks
-- /api/v1/suggesties for another prefix. Counts non-2xx answers like status.lua.
local threads = {}
local prefixes = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  for line in io.lines(args[1]) do
    table.insert(prefixes, line)
  end
end

function request()
  counter = counter + 1
  local prefix = prefixes[(counter % #prefixes) + 1]
  return wrk.format("GET", "/api/v1/suggesties?q=" .. prefix:gsub(" ", "+"))
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
