-- A real editor session against mlm-validate --lsp: Neovim (0.7 or later),
-- headless, with nothing but this file as its configuration.
--
--   MLM_VALIDATE=... LSP_DOC=copy-of-item.json nvim --headless -u tests/lsp/init.lua -i NONE -n
--
-- It opens the document, starts the server with vim.lsp.start_client, waits
-- for the diagnostics, asks for the code actions on the line of a wrong value,
-- applies the quick fix (then the migration), checks the buffer and the
-- diagnostics that follow, stops the server and quits: exit 0 when every check
-- held, 1 with the reason on stderr otherwise.
vim.o.swapfile = false
vim.o.shada = ""

local server = os.getenv("MLM_VALIDATE")
local path = os.getenv("LSP_DOC")
local timeout = 20000 * ((os.getenv("MLM_HARDENING_SLOW") and 10) or 1)

local function fail(msg)
  io.stderr:write("nvim session: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local function find_line(buf, needle)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local c = l:find(needle, 1, true)
    if c then return i - 1, c - 1 end
  end
  return nil
end

local function diagnostics_with(buf, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == code) then
      table.insert(out, d)
    end
  end
  return out
end

local function code_actions(client, buf, line, col)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = line, character = col }, ["end"] = { line = line, character = col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, line) },
  }
  local res = client.request_sync("textDocument/codeAction", params, timeout, buf)
  if not res or res.err then fail("codeAction failed: " .. vim.inspect(res)) end
  return res.result or {}
end

local function run()
  if not server or not path then return fail("set MLM_VALIDATE and LSP_DOC") end
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "mlm-validate",
    cmd = { server, "--lsp", "--no-config" },
    root_dir = vim.fn.fnamemodify(path, ":h"),
  })
  if not id then return fail("the server did not start") end
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  -- 1. diagnostics on open, with the wrong accelerator among them
  if not vim.wait(timeout, function() return #diagnostics_with(buf, "MLM102") > 0 end, 20) then
    return fail("no MLM102 diagnostic after opening: " .. vim.inspect(vim.diagnostic.get(buf)))
  end
  local line, col = find_line(buf, '"kuda"')
  local d = diagnostics_with(buf, "MLM102")[1]
  if d.lnum ~= line then return fail("MLM102 on line " .. d.lnum .. ", expected " .. line) end

  -- 2. the quick fix for it (kuda -> cuda), and the migration
  local actions = code_actions(client, buf, line, col + 1)
  local chosen, migrate
  for _, a in ipairs(actions) do
    if a.kind == "quickfix" and a.title:find("cuda", 1, true) then chosen = a end
    if a.title:find("^Migrate this document to MLM") then migrate = a end
  end
  if not migrate then return fail("no migration action: " .. vim.inspect(actions)) end
  if not chosen then return fail("no quick fix for MLM102: " .. vim.inspect(actions)) end
  if not chosen.isPreferred then return fail("the quick fix is not marked preferred (safe)") end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  if not find_line(buf, '"mlm:accelerator": "cuda"') then
    return fail("the quick fix did not write cuda: " .. table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n"))
  end
  -- the line's non-ASCII text before the value is intact (UTF-16 ranges)
  if not find_line(buf, '"GPU — 16 Go 𝄞", "mlm:accelerator": "cuda",') then
    return fail("the quick fix damaged the line around the value")
  end
  if not vim.wait(timeout, function() return #diagnostics_with(buf, "MLM102") == 0 end, 20) then
    return fail("MLM102 still reported after the quick fix")
  end
  -- the migration offered now is computed on the fixed text
  for _, a in ipairs(code_actions(client, buf, 0, 0)) do
    if a.title:find("^Migrate this document to MLM") then migrate = a end
  end

  -- 3. the migration: a whole-document edit, the buffer declares the latest version
  local before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  vim.lsp.util.apply_workspace_edit(migrate.edit, client.offset_encoding)
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  if not find_line(buf, "/v1.5.2/schema.json") then
    return fail("the migration did not write the v1.5.2 schema URL")
  end
  -- layout kept: the line with non-ASCII text is unchanged
  local l1 = find_line(buf, "GPU — 16 Go 𝄞")
  if not l1 or #after < #before - 2 then return fail("the migration lost the document's layout") end
  -- the diagnostics that follow judge the document as v1.5.2
  local ok = vim.wait(timeout, function()
    for _, x in ipairs(diagnostics_with(buf, "MLM208")) do
      if x.message:find("v1.5.2", 1, true) then return true end
    end
    return false
  end, 20)
  if not ok then return fail("diagnostics were not refreshed after the migration") end

  -- 4. stop: the server exits after shutdown + exit
  vim.lsp.stop_client(id)
  if not vim.wait(timeout, function() return vim.lsp.get_client_by_id(id) == nil end, 20) then
    return fail("the server did not stop")
  end
  io.stdout:write("nvim session: ok (quick fix and migration applied)\n")
  vim.cmd("qall!")
end

vim.schedule(function()
  local ok, err = pcall(run)
  if not ok then fail(tostring(err)) end
end)
