import type { FastifyReply } from 'fastify';

/** An RFC 9457 problem document: what went wrong, in words, and which fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  405: 'Method not allowed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: { field: string; message: string }[],
): FastifyReply {
  const problem: Problem = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(problem);
}
