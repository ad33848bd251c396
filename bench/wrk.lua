-- wrk.lua: the requests of one load scenario, and its figures as one JSON
-- line. bench/run.sh calls
--   wrk -s bench/wrk.lua URL -- MODE TOKEN [ARG]
-- MODE get:   GET URL as is (TOKEN may be "-" for none: the nginx ceiling)
--      post:  POST ARG (a JSON body) to URL: create a risk
--      patch: PATCH URL/ID with If-Match, for the ids and versions listed
--             in the file ARG ("id version" lines); each thread takes its
--             own share, so that no two requests race for one record, and
--             learns the next version from each response.

local mode, token, arg
local queue, head, tail = {}, 1, 0
local counter, threads = 0, {}

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

local function push(id, version)
  tail = tail + 1
  queue[tail] = { id, version }
end

function init(args)
  mode, token, arg = args[1] or "get", args[2] or "-", args[3]
  wrk.headers["Accept"] = "*/*"
  if token ~= "-" then wrk.headers["Authorization"] = "Bearer " .. token end
  if mode == "post" then
    wrk.method = "POST"
    wrk.body = arg
    wrk.headers["Content-Type"] = "application/json"
  elseif mode == "patch" then
    local me, n, nthreads = index, 0, tonumber(args[4]) or 1
    for line in io.lines(arg) do
      local id, version = line:match("^(%d+) (%d+)$")
      if id then
        if n % nthreads == me - 1 then push(id, version) end
        n = n + 1
      end
    end
  end
end

local flip = 0
function request()
  if mode ~= "patch" then return wrk.request() end
  if head > tail then return wrk.format("GET", wrk.path) end -- every record lost to errors
  local item = queue[head]
  queue[head] = nil
  head = head + 1
  flip = 1 - flip
  local status = flip == 1 and "treatment_planned" or "assessed"
  local headers = { ["If-Match"] = '"' .. item[2] .. '"', ["Content-Type"] = "application/json" }
  for k, v in pairs(wrk.headers) do headers[k] = v end -- wrk.format does not add them
  return wrk.format("PATCH", wrk.path .. "/" .. item[1], headers, '{"status":"' .. status .. '"}')
end

function response(status, headers, body)
  if mode == "patch" and status == 200 then
    local id, version = body:match('^{"id":(%d+),"version":(%d+)')
    if id then push(id, version) end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p99_us":%d,"max_us":%d,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max, e.status,
    e.connect + e.read + e.write + e.timeout))
end
