-- wrk script for POST /avoxi/api/v2/order: one US Atlanta 470 DID per order (a shortfall
-- is back-ordered, so the mock always answers 200). The status counting is wrk_check.lua's,
-- loaded from beside this file. The Authorization header is given on wrk's command line (-H).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"items":[{"country":"US","number_type":"DID","region":"US GA Atlanta 470","quantity":1}]}'

local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "wrk_check.lua")
