-- wrk script: replays a pool of pre-built, pre-signed raw HTTP requests, each once in turn (then from the start).
-- Usage: wrk -t1 -c64 -d10s -s wrk-pool.lua http://127.0.0.1:PORT/slack/events -- POOL_FILE
-- POOL_FILE holds complete HTTP/1.1 requests separated by NUL bytes (written by scripts/bench/interactions.ts).
-- Run with one thread (-t1): the pool and its cursor live in that thread's Lua state.

local pool = {}
local count = 0
local cursor = 0

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  local start = 1
  while true do
    local s = string.find(data, "\0", start, true)
    if not s then break end
    count = count + 1
    pool[count] = string.sub(data, start, s - 1)
    start = s + 1
  end
  data = nil
  collectgarbage()
  assert(count > 0, "empty request pool")
end

function request()
  cursor = cursor + 1
  if cursor > count then cursor = 1 end
  return pool[cursor]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
