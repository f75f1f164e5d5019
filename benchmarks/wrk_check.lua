-- wrk script for GET benchmarks: counts every response whose status is not 200 and
-- prints "Non-200 responses: N" at the end (run.py fails loudly when N > 0).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non200")
  end
  io.write(string.format("Non-200 responses: %d\n", total))
end
