import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n/I18nProvider';
import { AntdProvider } from './i18n/AntdProvider';
import { AuthProvider } from './auth/AuthProvider';
import { App } from './App';
import './styles.css';
import { focusableScrollRegions } from './scrollFocus';

focusableScrollRegions();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AntdProvider>
        <AuthProvider>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </AuthProvider>
      </AntdProvider>
    </I18nProvider>
  </StrictMode>,
);
