-- wrk script: distinct comment POSTs (bench/run.py fills in TOKEN, PAGE_ID and ORIGIN). The
-- start time keeps each run's comments distinct from an earlier run's on the same data.
local counter = 0
local run = tostring(os.time())
local threads = {}
-- thread_id is a global that setup() gives each thread (a local here would hide it, and
-- every thread would send the same comments).

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local n = run .. "-" .. (thread_id or 0) .. "-" .. counter
  local body = "page=PAGE_ID&token=TOKEN&parent=&homepage=&url="
    .. "&author=Bench+reader+" .. n
    .. "&email=bench" .. n .. "%40example.org"
    .. "&comment=Benchmark+comment+number+" .. n .. "+on+the+story."
  return wrk.format("POST", "/discussion/post/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = "ORIGIN",
    ["Referer"] = "ORIGIN/",
  }, body)
end
