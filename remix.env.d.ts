/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  // Types for single fetch: loaders and actions returning data() infer their payload.
  interface Future {
    v3_singleFetch: true;
  }
}
