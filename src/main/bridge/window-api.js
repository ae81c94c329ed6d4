// Browser host only: defines window.api over the bridge's local HTTP endpoint — what the Electron preload does
// over IPC. The token comes from the address the bridge printed.
(() => {
  const params = new URLSearchParams(location.search);
  const token = params.get('token') || sessionStorage.getItem('nianbao-token') || '';
  sessionStorage.setItem('nianbao-token', token);
  window.api = {
    invoke: async (channel, args) => {
      try {
        const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-nianbao-token': token },
          body: JSON.stringify(args ?? {}),
        });
        return await response.json();
      } catch (e) {
        return { ok: false, error: `无法连接本机服务：${e.message}` };
      }
    },
  };
})();
