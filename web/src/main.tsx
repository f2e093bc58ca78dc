import "./styles.css";
import "./i18n";
import { lazy, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout } from "./components/Layout";
import Home from "./pages/Home";
import { SessionProvider } from "./session";

const Procedure = lazy(() => import("./pages/Procedure"));
const Dossier = lazy(() => import("./pages/Dossier"));
const MyDossiers = lazy(() => import("./pages/MyDossiers"));
const MyData = lazy(() => import("./pages/MyData"));
const Verify = lazy(() => import("./pages/Verify"));
const Notifications = lazy(() => import("./pages/Notifications"));
const NotFound = lazy(() => import("./pages/NotFound"));

const router = createBrowserRouter([
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
