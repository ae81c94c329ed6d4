// Browser host only: defines window.api over the bridge's local HTTP endpoint — what the Electron preload does
// over IPC. The token comes from the address the bridge printed. Where Electron would show an open-file dialog,
// the page lets the person pick files, uploads them to the bridge, and asks again.
(() => {
  const params = new URLSearchParams(location.search);
  const token = params.get('token') || sessionStorage.getItem('nianbao-token') || '';
  sessionStorage.setItem('nianbao-token', token);

  const post = async (path, body, headers = {}) => {
    // keepalive: a save sent as the page closes still reaches main (as Electron's IPC does); it allows bodies
    // under 64 KB only, which a report's JSON is.
    const keepalive = typeof body === 'string' && body.length < 60000;
    const response = await fetch(path, { method: 'POST', headers: { 'x-nianbao-token': token, ...headers }, body, keepalive });
    return response.json();
  };

  const pickInPage = (pick) =>
    new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = pick.multiple;
      input.accept = pick.filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
      input.addEventListener('change', () => resolve([...(input.files ?? [])]));
      input.addEventListener('cancel', () => resolve([]));
      input.click();
    });

  const invoke = async (channel, args) => {
    try {
      const result = await post(`/api/${encodeURIComponent(channel)}`, JSON.stringify(args ?? {}), { 'content-type': 'application/json' });
      if (!result.pick) return result;
      const files = await pickInPage(result.pick);
      if (!files.length) return { ok: result.ok, value: result.value, error: result.error };
      const paths = [];
      for (const file of files) {
        const uploaded = await post('/host/upload', file, { 'x-file-name': encodeURIComponent(file.name) });
        if (!uploaded.ok) return uploaded;
        paths.push(uploaded.value);
      }
      await post('/host/answer', JSON.stringify({ open: paths }), { 'content-type': 'application/json' });
      return invoke(channel, args);
    } catch {
      return {
        ok: false,
        error: { kind: 'internal', message: '无法连接本机服务（浏览器宿主程序可能已经退出）；请重新运行 npm run web 后刷新页面' },
      };
    }
  };
  window.api = { invoke };
})();
