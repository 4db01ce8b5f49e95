import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { watch } from 'vue';
import { homeOf, signedIn, type Role } from './api/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the page; none: everyone, the public included. */
    roles?: Role[];
    /** The page fills the screen without the menu (大屏). */
    bare?: boolean;
  }
}

const SUPERVISION: Role[] = ['supervisor', 'auditor', 'analyst'];
/** Who reads cases: an auditor reads the records of what was done, not the cases themselves. */
const CASE_READERS: Role[] = ['supervisor', 'analyst'];
const WINDOW: Role[] = ['window', 'chief', 'officer'];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => homeOf(signedIn.value?.role) },
  { path: '/login', component: () => import('./pages/LoginPage.vue') },
  { path: '/signed-in', component: () => import('./pages/SignedInPage.vue') },
  { path: '/overview', component: () => import('./pages/supervision/OverviewPage.vue'), meta: { roles: SUPERVISION } },
  {
    path: '/wall',
    component: () => import('./pages/supervision/OverviewPage.vue'),
    props: { wall: true },
    meta: { roles: SUPERVISION, bare: true },
  },
  {
    path: '/warnings',
    component: () => import('./pages/supervision/WarningsPage.vue'),
    meta: { roles: [...CASE_READERS, ...WINDOW] },
  },
  {
    path: '/cases/:id',
    component: () => import('./pages/supervision/CasePage.vue'),
    props: true,
    meta: { roles: [...CASE_READERS, ...WINDOW] },
  },
  {
    path: '/joint',
    component: () => import('./pages/supervision/JointPage.vue'),
    meta: { roles: ['supervisor', 'window'] },
  },
  { path: '/quality', component: () => import('./pages/supervision/QualityPage.vue'), meta: { roles: ['supervisor'] } },
  {
    path: '/bulletin',
    component: () => import('./pages/supervision/BulletinPage.vue'),
    meta: { roles: [...SUPERVISION, ...WINDOW] },
  },
  { path: '/status', component: () => import('./pages/supervision/StatusPage.vue'), meta: { roles: SUPERVISION } },
  { path: '/audit-log', component: () => import('./pages/supervision/AuditPage.vue'), meta: { roles: ['auditor'] } },
  { path: '/desk', component: () => import('./pages/window/DeskPage.vue'), meta: { roles: WINDOW } },
  {
    path: '/analyst',
    component: () => import('./pages/analyst/AnalystPage.vue'),
    meta: { roles: ['analyst', 'supervisor'] },
  },
  { path: '/guide', component: () => import('./pages/public/GuidePage.vue') },
  { path: '/track', component: () => import('./pages/public/TrackPage.vue') },
  { path: '/evaluate', component: () => import('./pages/public/EvaluatePage.vue') },
  { path: '/:rest(.*)', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

// Signed out while on a staff page (the token expired, or the gateway refused it): to sign-in and back.
watch(signedIn, (who) => {
  const current = router.currentRoute.value;
  if (!who && current.meta.roles) void router.push({ path: '/login', query: { next: current.fullPath } });
});

// A page for staff asks for sign-in first, then comes back; the gateway still decides what each role may read.
router.beforeEach((to) => {
  const roles = to.meta.roles;
  if (!roles) return true;
  const who = signedIn.value;
  if (!who) return { path: '/login', query: { next: to.fullPath } };
  if (!roles.includes(who.role)) return homeOf(who.role);
  return true;
});
