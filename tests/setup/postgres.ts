/** Vitest global setup: a throwaway PostgreSQL cluster for the store contract tests. */
import type { TestProject } from "vitest/node";
import { startCluster } from "./pg-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
    pgPort: number;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  project.provide("pgUrl", cluster.url);
  project.provide("pgPort", cluster.port);
  return () => cluster.stop();
}
