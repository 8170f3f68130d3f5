/** What a route answers: status, content type and body. */
export interface Answer {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}
