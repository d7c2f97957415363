-- Authenticated POST /api/v1/resources: a new s3 bucket per request, its name unique per run and wrk thread.
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"

function request()
  counter = counter + 1
  local name = string.format("w%st%dn%d", os.getenv("RUN_ID") or "0", tid or 0, counter)
  local body = '{"name":"' .. name .. '","type":"s3","region":"eu-west-2","tags":{"env":"bench"}}'
  return wrk.format(nil, nil, nil, body)
end
