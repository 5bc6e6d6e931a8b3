-- Drives Neovim's built-in LSP client (0.7 API: start_client, buf_attach_client, request_sync)
-- against `cellspec lsp --stdio`: opens a spec, waits for diagnostics, asks for hover and
-- formatting, applies the edits, and writes what it received as JSON for the test to check.
-- Environment: CELLSPEC_LSP_CMD (JSON array), CELLSPEC_SPEC, CELLSPEC_HOVER ("line,character",
-- 0-based), CELLSPEC_OUT.
local out_path = os.getenv('CELLSPEC_OUT')
local result = { errors = {} }

local function finish()
  local file = io.open(out_path, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local ok, failure = pcall(function()
  local cmd = vim.fn.json_decode(os.getenv('CELLSPEC_LSP_CMD'))
  local spec = os.getenv('CELLSPEC_SPEC')
  vim.cmd('edit ' .. vim.fn.fnameescape(spec))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'cellspec'

  local client_id = vim.lsp.start_client({
    name = 'cellspec',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(spec, ':h'),
    on_exit = function(code) result.exitCode = code end,
  })
  if not client_id then error('the language client did not start') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local started = vim.loop.hrtime()
  vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnosticsAfterMs = (vim.loop.hrtime() - started) / 1e6
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, severity = d.severity, message = d.message, code = d.code })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  result.serverName = client.server_capabilities and client.name
  result.capabilities = {
    hover = client.server_capabilities.hoverProvider and true or false,
    formatting = client.server_capabilities.documentFormattingProvider and true or false,
  }
  local uri = vim.uri_from_bufnr(bufnr)
  local line, character = os.getenv('CELLSPEC_HOVER'):match('(%d+),(%d+)')
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = tonumber(line), character = tonumber(character) },
  }, 30000, bufnr)
  result.hover = hover and hover.result or vim.NIL
  if hover and hover.err then table.insert(result.errors, 'hover: ' .. vim.inspect(hover.err)) end

  local formatting = client.request_sync('textDocument/formatting', {
    textDocument = { uri = uri },
    options = { tabSize = 2, insertSpaces = true },
  }, 30000, bufnr)
  if formatting and formatting.err then table.insert(result.errors, 'formatting: ' .. vim.inspect(formatting.err)) end
  local edits = formatting and formatting.result or {}
  result.formattingEdits = #edits
  vim.lsp.util.apply_text_edits(edits, bufnr, client.offset_encoding or 'utf-16')
  result.formatted = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'

  client.stop()
  vim.wait(10000, function() return result.exitCode ~= nil end, 50)
end)
if not ok then table.insert(result.errors, tostring(failure)) end
finish()
