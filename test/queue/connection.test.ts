// The --queue URL: a password is required, rediss:// means TLS, and messages name the server, never the password.
import { parseQueueUrl, redisMessage, redisOptions } from '../../src/queue/connection';

describe('parseQueueUrl', () => {
  it('reads host, port, password, user and database, with TLS for rediss://', () => {
    expect(parseQueueUrl('redis://:p%40ss@10.0.0.5:6380/2')).toEqual({
      host: '10.0.0.5',
      port: 6380,
      password: 'p@ss',
      db: 2,
      tls: false,
      label: '10.0.0.5:6380',
    });
    const tls = parseQueueUrl('rediss://worker:secret@queue.example');
    expect(tls).toMatchObject({ host: 'queue.example', port: 6379, username: 'worker', tls: true });
    expect(redisOptions(tls).tls).toEqual({ servername: 'queue.example' });
    expect(redisOptions(parseQueueUrl('redis://:x@h')).tls).toBeUndefined();
  });

  it('refuses a URL without a password, another scheme, and a path that is not a database number', () => {
    expect(() => parseQueueUrl('redis://127.0.0.1:6379')).toThrow(
      '--queue redis at 127.0.0.1:6379 has no password: the URL must carry one',
    );
    expect(() => parseQueueUrl('http://:x@h:1')).toThrow('must be a redis:// or rediss:// URL, got http://');
    expect(() => parseQueueUrl('redis://:x@h/queue')).toThrow('must be a database number, got /queue');
    expect(() => parseQueueUrl('not a url')).toThrow('is not a URL');
  });

  it('words connection errors without the password', () => {
    const s = parseQueueUrl('redis://:hunter2@h:7000');
    const refused = Object.assign(new Error('connect ECONNREFUSED 1.2.3.4:7000'), { code: 'ECONNREFUSED' });
    expect(redisMessage(s, refused)).toBe(
      'cannot reach Redis at h:7000: connection refused (is it running? check --queue)',
    );
    expect(redisMessage(s, new Error('WRONGPASS invalid username-password pair'))).toBe(
      'Redis at h:7000 refused the password of --queue (WRONGPASS)',
    );
    expect(redisMessage(s, new Error('NOAUTH Authentication required.'))).not.toContain('hunter2');
  });
});
