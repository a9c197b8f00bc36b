-- wrk script: distinct comment POSTs (bench/run.py fills in TOKEN, PAGE_ID and ORIGIN).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local n = thread_id .. "-" .. counter
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
