// Test secrets are assembled at run time, so this repository never holds a literal that
// passes for a real credential. `fill(n, seed)` gives n characters of random-looking base62.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Deterministic pseudo-random base62 text (a linear congruential generator). */
export function fill(n: number, seed = 7, alphabet = ALPHABET): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** One sample per rule: [kind, the secret, a line of code that holds it]. */
export function trueSecrets(): [string, string, string][] {
  const pem = ['-----BEGIN ' + 'RSA PRIVATE KEY-----', fill(64, 1), fill(64, 2), fill(20, 3) + '==', '-----END ' + 'RSA PRIVATE KEY-----'].join('\n');
  const aws = 'AK' + 'IA' + fill(16, 4, UPPER);
  const ghp = 'gh' + 'p_' + fill(36, 5);
  const jwt = [b64url({ alg: 'HS256', typ: 'JWT' }), b64url({ sub: '1234567890', name: 'A User', iat: 1516239022 }), fill(43, 6).replace(/[0-9]/g, '_')].join('.');
  return [
    ['private-key', pem, `const key = \`${pem}\`;`],
    ['private-key', pem.replaceAll('RSA', 'OPENSSH'), pem.replaceAll('RSA', 'OPENSSH')],
    ['private-key', pem.replaceAll('RSA ', 'EC '), pem.replaceAll('RSA ', 'EC ')],
    ['private-key', pem.replaceAll('RSA ', 'DSA '), pem.replaceAll('RSA ', 'DSA ')],
    ['private-key', pem.replaceAll('RSA ', 'ENCRYPTED '), pem.replaceAll('RSA ', 'ENCRYPTED ')],
    ['private-key', pem.replaceAll('RSA PRIVATE KEY', 'PGP PRIVATE KEY BLOCK'), pem.replaceAll('RSA PRIVATE KEY', 'PGP PRIVATE KEY BLOCK')],
    ['private-key', pem.replaceAll('RSA ', ''), pem.replaceAll('RSA ', '')],
    ['aws-access-key', aws, `aws_access_key_id = ${aws}`],
    ['aws-access-key', 'AS' + 'IA' + fill(16, 8, UPPER), 'AS' + 'IA' + fill(16, 8, UPPER)],
    ['github-token', ghp, `GITHUB_TOKEN: ${ghp}`],
    ['github-token', 'gh' + 'o_' + fill(36, 9), 'gh' + 'o_' + fill(36, 9)],
    ['github-token', 'gh' + 's_' + fill(36, 10), 'gh' + 's_' + fill(36, 10)],
    ['github-token', 'gh' + 'r_' + fill(36, 11), 'gh' + 'r_' + fill(36, 11)],
    ['github-token', 'github' + '_pat_' + fill(82, 12), 'github' + '_pat_' + fill(82, 12)],
    ['gitlab-token', 'gl' + 'pat-' + fill(20, 13), `token: "${'gl' + 'pat-' + fill(20, 13)}"`],
    ['slack-token', 'xo' + 'xb-' + '1234567890' + '-' + '1234567890123' + '-' + fill(24, 14), 'xo' + 'xb-' + '1234567890' + '-' + '1234567890123' + '-' + fill(24, 14)],
    ['slack-token', 'xo' + 'xp-' + '1234567890' + '-' + fill(32, 15), 'xo' + 'xp-' + '1234567890' + '-' + fill(32, 15)],
    ['stripe-live-key', 'sk' + '_live_' + fill(24, 16), `Stripe('${'sk' + '_live_' + fill(24, 16)}')`],
    ['stripe-live-key', 'rk' + '_live_' + fill(24, 17), 'rk' + '_live_' + fill(24, 17)],
    ['google-api-key', 'AI' + 'za' + fill(35, 18), `key=${'AI' + 'za' + fill(35, 18)}&q=1`],
    ['api-key', 's' + 'k-proj-' + fill(64, 19), `OPENAI_API_KEY=${'s' + 'k-proj-' + fill(64, 19)}`],
    ['api-key', 's' + 'k-' + fill(48, 20), `client = OpenAI(api_key="${'s' + 'k-' + fill(48, 20)}")`],
    ['anthropic-key', 's' + 'k-ant-api03-' + fill(93, 21) + 'AA', 's' + 'k-ant-api03-' + fill(93, 21) + 'AA'],
    ['jwt', jwt, `Authorization: ${'Bear' + 'er'} ${jwt}`],
    ['password-assignment', 'Tr0ub' + '4dor&3xQ9!z', 'password = "Tr0ub' + '4dor&3xQ9!z"'],
    ['password-assignment', fill(24, 22), `"client_secret": "${fill(24, 22)}"`],
    ['password-assignment', fill(20, 23), `DB_PASSWORD=${fill(20, 23)}`],
    ['password-assignment', fill(20, 24), `export API_TOKEN=${fill(20, 24)}`],
  ];
}

/** Text that looks a little like a secret and is not one. */
export function lookAlikes(): [string, string][] {
  return [
    ['the AWS documentation key', 'aws_access_key_id = AKIA' + 'IOSFODNN7EXAMPLE'],
    ['a Stripe test key', 'Stripe("sk' + '_test_' + fill(24, 30) + '")'],
    ['a GitHub token placeholder', 'token: ghp_' + 'x'.repeat(36)],
    ['a JWT without a signature', b64url({ alg: 'none' }) + '.' + b64url({ sub: 'x' }) + '.'],
    ['a JWT with alg none', b64url({ alg: 'none', typ: 'JWT' }) + '.' + b64url({ sub: 'abcdefghij' }) + '.' + fill(20, 31)],
    ['a public key', ['-----BEGIN PUBLIC KEY-----', fill(64, 32), '-----END PUBLIC KEY-----'].join('\n')],
    ['a certificate', ['-----BEGIN CERTIFICATE-----', fill(64, 33), '-----END CERTIFICATE-----'].join('\n')],
    ['a private key mentioned in docs', 'Paste the block that starts with -----BEGIN ' + 'PRIVATE KEY----- and ends with -----END ' + 'PRIVATE KEY-----.'],
    ['a UUID', 'const token = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";'],
    ['a git hash', 'commit 9fceb02d0ae598e95dc970b74767f19372d61af8'],
    ['a lockfile integrity hash', '"integrity": "sha512-' + Buffer.from(fill(64, 34)).toString('base64') + '"'],
    ['a base64 blob', 'data:image/png;base64,' + Buffer.from(fill(300, 35)).toString('base64')],
    ['a sha256 in a lockfile', 'checksum = "' + 'a'.repeat(0) + '4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdab8a"'],
    ['password placeholder changeme', 'password = "changeme"'],
    ['password from the environment', 'password: process.env.DB_PASSWORD,'],
    ['password template', 'PASSWORD=${DB_PASSWORD}'],
    ['secret placeholder xxx', 'secret = "xxxxxxxxxxxxxxxx"'],
    ['api key placeholder', 'api_key = "<your-key>"'],
    ['api key placeholder words', 'apiKey: "your-api-key-here"'],
    ['a token read from a function', 'const token = getToken(request.headers);'],
    ['a setting name', "const SECRET_ID = 'relayAssistant.apiKey';"],
    ['a made-up test key', "RELAY_API_KEY: 'env-key-123456'"],
    ['a css class', '<div class="s' + 'k-spinner-wave-rectangle-animation-container">'],
    ['a task id', 'const id = "task-' + fill(40, 36) + '";'],
    ['a short sk- value', 'sk-1234'],
    ['an env file placeholder', 'OPENAI_API_KEY=sk-...'],
    ['a token limit', 'maxTokens = 4096'],
    ['a path', 'secret_file = "/etc/app/secret.pem"'],
  ];
}
