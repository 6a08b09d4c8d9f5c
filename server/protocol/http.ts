import type { AgentDTO } from './dto.ts';

/** `POST /api/visitor/session` body: optional page context. Answer: */
export interface VisitorSessionResponse {
  visitorId: string;
  /** Opaque; send as `auth.token` on the /visitor socket. Stored hashed on the server. */
  token: string;
}

/** `POST /api/auth/login` {email,password} and `GET /api/auth/me` answer (sets/uses the `parley_session` cookie). */
export interface AgentSessionResponse {
  agent: AgentDTO;
}
