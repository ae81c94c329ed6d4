import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { queryClient } from './data/query';
import { PrintView } from './pages/PrintView';
import { theme } from './theme';

// Electron's PDF export loads the page as #print?unit=…&year=… in a hidden window.
const print = location.hash.startsWith('#print?') ? new URLSearchParams(location.hash.slice('#print?'.length)) : null;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <Notifications position="bottom-right" limit={4} />
        {print ? <PrintView unit={print.get('unit') ?? ''} year={Number(print.get('year'))} /> : <App />}
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
