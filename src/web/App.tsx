import { Suspense, useEffect } from 'react';
import { I18nProvider } from './i18n/I18n';
import { RouterProvider, useRouter } from './router';
import { Shell } from './components/Shell';
import { NotFound } from './pages/NotFound';
import { pages, START_PATH } from './pages';
import { SessionProvider } from './session/Session';
import { RequireAccess } from './session/RequireAccess';

function CurrentPage() {
  const { path, navigate } = useRouter();
  useEffect(() => {
    if (path === '/') navigate(START_PATH, { replace: true });
  }, [path, navigate]);
  const page = pages.find((p) => p.path === path || path.startsWith(`${p.path}/`));
  if (!page) return path === '/' ? null : <NotFound />;
  const Page = page.component;
  const shown = (
    <Suspense fallback={<p aria-busy="true" />}>
      <Page />
    </Suspense>
  );
  if (!page.access) return shown;
  return <RequireAccess action={page.access}>{shown}</RequireAccess>;
}

export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <SessionProvider>
          <Shell>
            <CurrentPage />
          </Shell>
        </SessionProvider>
      </RouterProvider>
    </I18nProvider>
  );
}
