/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";

declare module "@remix-run/node" {
  // Types for single fetch: loaders and actions returning data() infer their payload.
  interface Future {
    v3_singleFetch: true;
  }
}
