/** Files a fake provider serves at `/media/:id`, as the providers' CDNs do: bytes and a content type. */
export interface MediaFile {
  bytes: Buffer;
  mime: string;
}

export const mediaPath = (id: string) => `/media/${encodeURIComponent(id)}`;
