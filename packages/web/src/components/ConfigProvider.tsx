"use client";

import { createContext, type ReactNode, useContext, useMemo } from "react";
import { type ApiClient, createApiClient } from "@/lib/api-client";
import { type ClientConfig, clientConfig } from "@/lib/config";

interface ClientServices extends ClientConfig {
  api: ApiClient;
}

const ConfigContext = createContext<ClientServices | null>(null);

/** Hands the build's API URLs (and an API client on them) to the client components below. */
export function ConfigProvider({ config = clientConfig, children }: { config?: ClientConfig; children: ReactNode }) {
  const value = useMemo(() => ({ ...config, api: createApiClient(config.apiUrl) }), [config]);
  return <ConfigContext.Provider value={value}>{children}</ConfigContext.Provider>;
}

export function useClientServices(): ClientServices {
  const value = useContext(ConfigContext);
  if (!value) throw new Error("useClientServices must be used inside <ConfigProvider>");
  return value;
}
