import "./styles.css";
import "./i18n";
import { lazy, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout } from "./components/Layout";
import { OfficerLayout } from "./components/officer/OfficerLayout";
import Home from "./pages/Home";
import { SessionProvider } from "./session";

const Procedure = lazy(() => import("./pages/Procedure"));
const Dossier = lazy(() => import("./pages/Dossier"));
const MyDossiers = lazy(() => import("./pages/MyDossiers"));
const MyData = lazy(() => import("./pages/MyData"));
const Verify = lazy(() => import("./pages/Verify"));
const Stats = lazy(() => import("./pages/Stats"));
const Notifications = lazy(() => import("./pages/Notifications"));
const NotFound = lazy(() => import("./pages/NotFound"));
const LinkedGroup = lazy(() => import("./pages/LinkedGroup"));
const LinkedApply = lazy(() => import("./pages/LinkedApply"));
const Queue = lazy(() => import("./pages/officer/Queue"));
const OfficerDossier = lazy(() => import("./pages/officer/OfficerDossier"));
const Assist = lazy(() => import("./pages/officer/Assist"));
const Counter = lazy(() => import("./pages/officer/Counter"));
const Leader = lazy(() => import("./pages/officer/Leader"));
const LeaderDossiers = lazy(() => import("./pages/officer/LeaderDossiers"));
const Dashboard = lazy(() => import("./pages/officer/Dashboard"));
const Refunds = lazy(() => import("./pages/officer/Refunds"));
const Outbox = lazy(() => import("./pages/officer/Outbox"));
const Corrections = lazy(() => import("./pages/officer/Corrections"));

const router = createBrowserRouter([
  {
    // The officers' workspace: same app and sign-in, its own navigation.
    path: "can-bo",
    element: <OfficerLayout />,
    children: [
      { index: true, element: <Queue /> },
      { path: "ho-so/:id", element: <OfficerDossier /> },
      { path: "nop-ho/:id?", element: <Assist /> },
      { path: "tiep-nhan/:id?", element: <Counter /> },
      { path: "lanh-dao", element: <Leader /> },
      { path: "lanh-dao/ho-so", element: <LeaderDossiers /> },
      { path: "bang-so-lieu", element: <Dashboard /> },
      { path: "hoan-tien", element: <Refunds /> },
      { path: "hang-doi-tin", element: <Outbox /> },
      { path: "cai-chinh", element: <Corrections /> },
      { path: "*", element: <NotFound /> },
    ],
  },
  {
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: "thu-tuc/:code", element: <Procedure /> },
      { path: "ho-so", element: <MyDossiers /> },
      { path: "ho-so/:id", element: <Dossier /> },
      { path: "du-lieu-cua-toi", element: <MyData /> },
      { path: "xac-minh/:number?", element: <Verify /> },
      { path: "thong-bao", element: <Notifications /> },
      { path: "thong-ke", element: <Stats /> },
      { path: "lien-thong/nop/:code", element: <LinkedApply /> },
      { path: "lien-thong/:id", element: <LinkedGroup /> },
      { path: "*", element: <NotFound /> },
    ],
  },
]);

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </StrictMode>,
  );
}
