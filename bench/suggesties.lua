-- Cycle through the prefixes in the file given after `--` (one a line): every request asks
-- /api/v1/suggesties for another prefix. Counts non-2xx answers with status.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "status.lua")
local prefixes = {}
local counter = 0
local count_init = init

function init(args)
  count_init(args)
  for line in io.lines(args[1]) do
    table.insert(prefixes, line)
  end
end

function request()
  counter = counter + 1
  local prefix = prefixes[(counter % #prefixes) + 1]
  return wrk.format("GET", "/api/v1/suggesties?q=" .. prefix:gsub(" ", "+"))
end
