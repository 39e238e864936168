/**
 * Where to go after logging in: only a path of this app. Anything else (another site, "//host",
 * the API, the login page itself) falls back to '/' (the start page), so a link cannot send a
 * freshly logged-in user elsewhere.
 */
export function safeReturnTo(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  if (value.startsWith('/api/') || value === '/logga-in' || value.startsWith('/logga-in?')) {
    return '/';
  }
  return value;
}
