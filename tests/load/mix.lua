-- @brief wrk script for tests/load/run.sh: a realistic mix of coopdec requests
-- over keep-alive connections, and the run's figures written for the record.
--
-- Usage: wrk ... -s mix.lua URL -- TARGETS_FILE SEED
-- TARGETS_FILE (made by run.sh from the index itself, so that every facet
-- value and id exists: the server answers 400 to an unknown facet value)
-- has one "kind<TAB>value" per line, kinds: doc, law, part, query, and the
-- facet names type, commune, region, country, theme, year.
-- Each thread draws its own fixed list of requests (seed + thread number)
-- and cycles through it. done() writes the figures to the file named by the
-- environment variable COOPDEC_LOAD_STATS, one "name value" per line.

local counter = 0
function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
end

local function urlencode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local data = {}
local requests = {}
local next_request = 1

local function pick(list)
   return list[math.random(#list)]
end

-- What users type: words with and without accents, phrases, operators,
-- wildcards, legal citations, misspellings (which go to the spelling
-- suggestion), words found nowhere.
local typed = {
   "eau potable", "eau", "assainissement", "decentralisee", "coopération décentralisée",
   "\"comité de suivi\"", "\"maîtrise d'ouvrage\"", "etat civil", "état civil", "jumelage", "jumel*",
   "sante", "santé maternité", "forages", "ecole", "éducation des filles", "article 46",
   "art. 9 loi 2019-006", "loi n° 2007-011", "l'article 46 de la loi n° 2019-006", "maitrise d'ouvrage",
   "maîtrise d’ouvrage", "formation professionnelle", "dechets", "énergie solaire", "eau OR assainissement",
   "jumelage -culture", "budget participatif", "Kpalime", "Atakpame", "Dapaong", "Tsévié", "pays:FR",
   "type:convention eau", "theme:santé", "asainissement", "cooperacion", "zzqxw", "bornes-fontaines",
   "bornes fontaines", "latrines scolaires", "comite de jumelage", "registres d'état civil",
   "décret", "convention-cadre", "oeuvre", "œuvre", "reboisement", "francs CFA", "partenaire", "Niort",
}

-- One request path of the mix (weights in percent).
local function make_path()
   local r = math.random(100)
   local q = urlencode(pick(data.query))
   local function facet(name) return "&" .. name .. "=" .. urlencode(pick(data[name])) end
   if r <= 23 then
      return "/recherche?q=" .. q
   elseif r <= 31 then
      local f = pick({"type", "commune", "country", "theme", "region"})
      local extra = math.random(3) == 1 and facet(pick({"country", "theme", "type"})) or ""
      return "/recherche?q=" .. q .. facet(f) .. extra
   elseif r <= 37 then
      local sort = math.random(2) == 1 and "&sort=date" or ""
      return "/recherche?q=" .. facet("commune") .. facet("country") .. sort
   elseif r <= 44 then
      return "/recherche?q=" .. q .. "&page=" .. math.random(2, 5)
   elseif r <= 47 then
      local a, b = pick(data.year), pick(data.year)
      if a > b then a, b = b, a end
      return "/recherche?q=" .. q .. "&year_from=" .. a .. "&year_to=" .. b
   elseif r <= 49 then
      return "/recherche?q=" .. urlencode(pick({"commune", "coopération", "article", "convention"})) ..
                "&doc=" .. urlencode(pick(data.law))
   elseif r <= 63 then
      local extra = math.random(2) == 1 and facet(pick({"type", "commune", "country", "theme"})) or ""
      return "/api/search?q=" .. q .. extra
   elseif r <= 77 then
      local hl = math.random(10) <= 3 and "?q=" .. q or ""
      return "/doc/" .. urlencode(pick(data.doc)) .. hl
   elseif r <= 79 then
      return "/doc/" .. urlencode(pick(data.doc)) .. "/source.xml"
   elseif r <= 86 then
      return "/partenariat/" .. urlencode(pick(data.part))
   elseif r <= 89 then
      return "/api/doc/" .. urlencode(pick(data.doc))
   elseif r <= 91 then
      return "/api/partnership/" .. urlencode(pick(data.part))
   elseif r <= 96 then
      return "/"
   elseif r <= 98 then
      return "/static/coopdec.css"
   elseif r <= 99 then
      return "/healthz"
   else
      return "/opensearch.xml"
   end
end

function init(args)
   local file, seed = args[1], tonumber(args[2] or "1")
   for _, k in ipairs({"doc", "law", "part", "query", "type", "commune", "region", "country", "theme", "year"}) do
      data[k] = {}
   end
   for line in io.lines(file) do
      local kind, value = line:match("^([%w_]+)\t(.+)$")
      if kind and data[kind] then table.insert(data[kind], value) end
   end
   for _, t in ipairs(typed) do table.insert(data.query, t) end
   if #data.law == 0 then data.law = data.doc end
   for k, list in pairs(data) do
      assert(#list > 0, "no '" .. k .. "' in " .. file)
   end
   math.randomseed(seed * 1000 + thread_no)
   for i = 1, 4096 do
      local headers = {["Accept-Language"] = "fr-FR,fr;q=0.9"}
      if math.random(10) <= 7 then headers["Accept-Encoding"] = "gzip" end
      requests[i] = wrk.format("GET", make_path(), headers)
   end
   next_request = math.random(#requests)
end

function request()
   local r = requests[next_request]
   next_request = next_request % #requests + 1
   return r
end

function done(summary, latency, requests)
   local path = os.getenv("COOPDEC_LOAD_STATS")
   if not path then return end
   local f = assert(io.open(path, "w"))
   local e = summary.errors
   f:write(string.format("requests %d\nduration_us %d\nbytes %d\n", summary.requests, summary.duration, summary.bytes))
   f:write(string.format("connect %d\nread %d\nwrite %d\nstatus %d\ntimeout %d\n", e.connect, e.read, e.write,
                         e.status, e.timeout))
   f:write(string.format("p50_us %d\np90_us %d\np99_us %d\nmax_us %d\n", latency:percentile(50),
                         latency:percentile(90), latency:percentile(99), latency.max))
   f:close()
end
