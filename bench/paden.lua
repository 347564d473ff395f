-- Cycle through the request paths in the file given after `--` (one a line), so that every
-- request asks for another URL (e.g. 12,000 different postcodes). Counts non-2xx answers with
-- status.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "status.lua")
local paths = {}
local counter = 0
local count_init = init

function init(args)
  count_init(args)
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
