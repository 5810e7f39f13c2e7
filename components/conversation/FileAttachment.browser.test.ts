import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import type { Attachment } from '#protocol';
import { fetchFile } from '#utils/files-api';
import FileAttachment from './FileAttachment.vue';

/**
 * A customer's voice note in the side panel (issue 15, FEATURES G2): once accepted it plays in the
 * browser's own audio player, named for screen readers; while it waits for review there is nothing to play.
 */
vi.mock('../../utils/files-api', async (original) => ({
  ...(await original<typeof import('#utils/files-api')>()),
  fetchFile: vi.fn(),
}));
// The stores the component reads ask the worker for things; no worker runs here.
vi.mock('../../utils/messaging', async (original) => ({
  ...(await original<typeof import('#utils/messaging')>()),
  sendMessage: vi.fn(async () => ({ ok: false, code: 'offline', message: 'offline' })),
}));
const fetched = vi.mocked(fetchFile);

/** Half a second of silence as a WAV file (8 kHz, mono, 16-bit): bytes a real audio element decodes. */
function silentWav(): Blob {
  const samples = 4000;
  const b = new DataView(new ArrayBuffer(44 + samples * 2));
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => b.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  b.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVEfmt ');
  b.setUint32(16, 16, true);
  b.setUint16(20, 1, true); // PCM
  b.setUint16(22, 1, true); // mono
  b.setUint32(24, 8000, true);
  b.setUint32(28, 16_000, true);
  b.setUint16(32, 2, true);
  b.setUint16(34, 16, true);
  ascii(36, 'data');
  b.setUint32(40, samples * 2, true);
  return new Blob([b.buffer], { type: 'audio/wav' });
}

const voiceNote = (status: Attachment['status']): Attachment => ({
  id: 'f_voice',
  name: 'file.wav',
  mime: 'audio/wav',
  size: 8044,
  status,
});

function mount(attachment: Attachment) {
  const pinia = createPinia();
  setActivePinia(pinia);
  return render(FileAttachment, { props: { attachment, fromVisitor: true }, global: { plugins: [pinia] } });
}

beforeEach(() => {
  fetched.mockReset();
  fetched.mockResolvedValue(silentWav());
});

describe('an audio file in the conversation', () => {
  it('plays an accepted voice note in a native player named for the file, fetched with the rep token', async () => {
    const screen = mount(voiceNote('accepted'));
    const player = screen.getByLabelText('Audio message file.wav');
    await expect.element(player).toBeVisible();
    const audio = player.element() as HTMLAudioElement;
    expect(audio.tagName).toBe('AUDIO');
    expect(audio.controls).toBe(true);
    expect(audio.src).toMatch(/^blob:/);
    expect(fetched).toHaveBeenCalledWith('f_voice');
    // The browser really decodes what it was given: half a second.
    await expect.poll(() => audio.duration).toBeCloseTo(0.5, 2);
    await expect.element(screen.getByRole('button', { name: 'Download file.wav' })).toBeVisible();
  });

  it('offers nothing to play while the voice note waits for review', async () => {
    const screen = mount(voiceNote('pending'));
    await expect.element(screen.getByText('file.wav')).toBeVisible();
    expect(screen.container.querySelector('audio')).toBeNull();
    expect(fetched).not.toHaveBeenCalled();
  });
});
