-- Cycle through the request paths in the file given after `--` (one a line), so that every
-- request asks for another URL (e.g. 12,000 different postcodes). Counts non-2xx answers like
-- status.lua (wrk itself only counts >= 400 as errors).
local threads = {}
local paths = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  for line in io.lines(args[1]) do
    table.insert(paths, line)
  end
  -- Threads start at different places in the list.
  counter = math.random(#paths)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
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
