import { describe, expect, it } from 'vitest';
import { ACCEPT_ATTRIBUTE, ALLOWED_FILE_TYPES, Attachment, CHANNEL_FILE_TYPES, isAudio, isInlineImage } from './files';
import { VisitorAttachment } from './visitor';

describe('files in the protocol', () => {
  it('the widget (zod/mini) and the extension read an attachment alike', () => {
    const good = {
      id: 'f_1',
      name: '<img src=x onerror=alert(1)>.pdf',
      mime: 'application/pdf',
      size: 12,
      status: 'pending',
    };
    const bad = [
      { ...good, status: 'maybe' },
      { ...good, size: -1 },
      { ...good, size: 1.5 },
      { ...good, id: '' },
      { ...good, name: undefined },
    ];
    expect(Attachment.safeParse(good).success).toBe(true);
    expect(VisitorAttachment.safeParse(good).success).toBe(true);
    for (const b of bad) {
      expect(Attachment.safeParse(b).success).toBe(false);
      expect(VisitorAttachment.safeParse(b).success).toBe(false);
    }
  });

  it('lists every type of FEATURES D3 and shows only browser-viewable images in place', () => {
    for (const ext of [
      'pdf',
      'doc',
      'docx',
      'ppt',
      'pptx',
      'xls',
      'xlsx',
      'txt',
      'rtf',
      'jpg',
      'png',
      'gif',
      'bmp',
      'webp',
      'tiff',
      'heif',
    ]) {
      expect(ACCEPT_ATTRIBUTE.split(',')).toContain(`.${ext}`);
    }
    expect(ALLOWED_FILE_TYPES.filter((t) => isInlineImage(t.mime)).map((t) => t.mime)).toEqual([
      'image/jpeg',
      'image/png',
      'image/gif',
      'image/bmp',
      'image/webp',
    ]);
    expect(isInlineImage('image/svg+xml')).toBe(false);
  });

  it("allows audio only for a channel's media: the widget's picker offers none", () => {
    expect(ACCEPT_ATTRIBUTE).not.toMatch(/\.(ogg|opus|mp3|aac|m4a|amr|wav)\b/);
    expect(ALLOWED_FILE_TYPES.some((t) => isAudio(t.mime))).toBe(false);
    expect(CHANNEL_FILE_TYPES.filter((t) => isAudio(t.mime)).map((t) => t.mime)).toEqual([
      'audio/ogg',
      'audio/mpeg',
      'audio/aac',
      'audio/mp4',
      'audio/amr',
      'audio/wav',
    ]);
  });
});
