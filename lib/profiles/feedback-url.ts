/** Where a saved profile's feedback page lives: `/api/profiles/<token>/feedback`, absolute on `origin`. */
export const profileFeedbackUrl = (origin: string, token: string) => new URL(`/api/profiles/${encodeURIComponent(token)}/feedback`, origin).href;
