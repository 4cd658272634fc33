/**
 * The per-request CSP nonce, from entry.server.tsx to the document's <Scripts>. In the browser
 * the value is "" (browsers hide nonce attributes from scripts, and hydration needs none).
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext("");

export const useNonce = () => useContext(NonceContext);
