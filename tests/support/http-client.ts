/** A tiny browser stand-in for integration tests: keeps cookies, sends our Origin on POSTs, never follows redirects. */
export class HttpClient {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly origin: string | null = baseUrl,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get cookieString(): string {
    return this.cookieHeader();
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      redirect: "manual",
      headers: { Cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  async post(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      redirect: "manual",
      headers: {
        Cookie: this.cookieHeader(),
        "Content-Type": "application/x-www-form-urlencoded",
        ...(this.origin ? { Origin: this.origin } : {}),
        ...headers,
      },
      body: new URLSearchParams(form).toString(),
    });
    this.remember(response);
    return response;
  }

  /** Signs in and (by default) sets the UI to English, whatever the account's own language, so pages read predictably. */
  async login(
    email: string,
    password = "acuerdo-demo",
    locale: "en" | "es" | null = "en",
  ): Promise<Response> {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302)
      throw new Error(`login as ${email} failed with ${response.status}: ${await response.text()}`);
    if (locale) await this.post("/settings/language", { locale, redirectTo: "/" });
    return response;
  }
}

export const DEMO = {
  cochairUs: "cochair.us@example.org",
  cochairMx: "cochair.mx@example.org",
  cochairGt: "cochair.gt@example.org",
  memberUs: "member.us@example.org",
  memberMx: "member.mx@example.org",
  memberSv: "member.sv@example.org",
  memberGt: "member.gt@example.org",
  memberHn: "member.hn@example.org",
  member2Mx: "member2.mx@example.org",
  secretariat: "secretariat@example.org",
  observer: "observer@example.org",
} as const;
