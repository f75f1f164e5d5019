-- wrk script for benchmarks/run.py's cases_http section: sends the requests listed in the
-- file named by the environment variable WRK_REQUESTS, one a line
-- (method TAB path TAB body TAB header-name TAB header-value ...), in order, cycling; a
-- write's file holds more distinct requests than the run sends, and WRK_SKIP (the number a
-- warm-up run already sent) is where the run starts. Status counting is wrk_check.lua's.
local lines = {}
local index = tonumber(os.getenv("WRK_SKIP") or "0")

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

for line in io.lines(os.getenv("WRK_REQUESTS")) do
  local f = split(line)
  local headers = {}
  for i = 4, #f - 1, 2 do
    headers[f[i]] = f[i + 1]
  end
  local body = f[3] ~= "" and f[3] or nil
  table.insert(lines, wrk.format(f[1], f[2], headers, body))
end

function request()
  index = index % #lines + 1
  return lines[index]
end

local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "wrk_check.lua")

-- WRK_MARKER: bytes every answer must hold (Dial 9 answers its errors with a 200); an
-- answer without them is counted with the statuses that are not 200.
local marker = os.getenv("WRK_MARKER")
if marker and marker ~= "" then
  local count_status = response
  function response(status, headers, body)
    count_status(status, headers, body)
    if status == 200 and not body:find(marker, 1, true) then
      non200 = non200 + 1
    end
  end
end
