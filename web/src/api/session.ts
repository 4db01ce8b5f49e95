import { computed, ref } from 'vue';

/** Where the token is kept; /graphiql reads the same key (gateway/src/web/graphiql-page.ts). */
export const TOKEN_KEY = 'onewindow.token';

export type Role = 'applicant' | 'window' | 'officer' | 'chief' | 'supervisor' | 'analyst' | 'auditor';

/** Who is signed in, as the token says. The gateway checks the token; this only draws the menu. */
export interface SignedIn {
  sub: string;
  role: Role;
  department?: string;
  items?: string[];
  expiresAt: number;
}

function decode(token: string): SignedIn | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = decodeURIComponent(
      atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
        .split('')
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const claims = JSON.parse(json) as {
      sub?: string;
      role?: Role;
      department?: string;
      items?: string[];
      exp?: number;
    };
    if (!claims.sub || !claims.role || !claims.exp) return null;
    return {
      sub: claims.sub,
      role: claims.role,
      department: claims.department,
      items: claims.items,
      expiresAt: claims.exp * 1000,
    };
  } catch {
    return null;
  }
}

const token = ref<string | null>(localStorage.getItem(TOKEN_KEY));
/** The time, as signedIn sees it: ticking, so a token that expires while a page is open signs its holder out. */
const now = ref(Date.now());
setInterval(() => (now.value = Date.now()), 10_000);

/** The signed-in person, or null for the public (no token, or an expired one). */
export const signedIn = computed<SignedIn | null>(() => {
  const who = token.value ? decode(token.value) : null;
  return who && who.expiresAt > now.value ? who : null;
});

export const currentToken = (): string | null => (signedIn.value ? token.value : null);

export function signIn(newToken: string): SignedIn | null {
  localStorage.setItem(TOKEN_KEY, newToken);
  token.value = newToken;
  return signedIn.value;
}

export function signOut(): void {
  localStorage.removeItem(TOKEN_KEY);
  token.value = null;
}

/** The page a role starts on. */
export function homeOf(role: Role | undefined): string {
  switch (role) {
    case 'supervisor':
      return '/overview';
    case 'auditor':
      return '/audit-log';
    case 'window':
    case 'chief':
    case 'officer':
      return '/desk';
    case 'analyst':
      return '/analyst';
    default:
      return '/guide';
  }
}
