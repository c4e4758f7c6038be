-- wrk script for the serving benchmark: POSTs one OIP inference request and prints one JSON summary line.
--
--   wrk -t2 -c16 -d20s -s post.lua http://127.0.0.1:8090/v2/models/adult/infer
--
-- Environment: BODY        file with the request body (default: request.json next to this script)
--              KEEL_TOKEN  when set, sends "Authorization: Bearer <KEEL_TOKEN>"
-- The last line wrk prints is {"requests_per_s":..,"p50_ms":..,"p90_ms":..,"p99_ms":..,"p99_9_ms":..,...}.
-- wrk's "status" error counts only responses >= 400; "non_2xx" counts every status outside 200-299.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local path = os.getenv("BODY") or (here .. "request.json")
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("KEEL_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- Each wrk thread runs its own copy of this script: count non-2xx there, add the counts up in done().
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non_2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    if non_2xx == 0 then
      io.stderr:write("first non-2xx response: ", status, " ", body, "\n")
    end
    non_2xx = non_2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non_2xx")
  end
  local ms = function(p) return latency:percentile(p) / 1000 end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_s":%.3f,"requests_per_s":%.1f,"mean_ms":%.3f,"p50_ms":%.3f,"p90_ms":%.3f,' ..
    '"p99_ms":%.3f,"p99_9_ms":%.3f,"max_ms":%.3f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,' ..
    '"timeout":%d},"non_2xx":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), latency.mean / 1000,
    ms(50), ms(90), ms(99), ms(99.9), latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, bad))
end
