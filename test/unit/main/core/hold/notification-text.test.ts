import { describe, expect, it } from 'vitest';
import { notificationText } from '../../../../../src/main/core/hold/notification-text';

describe('notification text', () => {
  it('escapes markup on Linux, where notification bodies are HTML-ish', () => {
    expect(notificationText('<b>deploy</b> & "x"', 'linux')).toBe(
      '&lt;b&gt;deploy&lt;/b&gt; &amp; "x"',
    );
  });

  it('leaves text as is elsewhere but always drops control characters and cuts long text', () => {
    expect(notificationText('<b>job</b>\x1b]52;c;AAAA\x07', 'darwin')).toBe('<b>job</b>]52;c;AAAA');
    expect(notificationText('x'.repeat(400), 'win32')).toHaveLength(300);
  });
});
