// Drives the Tongbao channel sandbox with channel clients nobody on the project wrote: the Node.js alipay-sdk and
// wechatpay-axios-plugin, each configured only from what the sandbox's registration endpoints hand out.
//
//   SANDBOX_URL=http://127.0.0.1:8090 node check.mjs      (standalone sandbox; a Tongbao demo run is :8080)
//
// Prints one line per check and exits 1 if any failed. Every answer's signature is verified by the client itself
// (alipay-sdk validateSign, the plugin's response verifier); notifications are verified here with the same
// libraries' helpers, with the receiving account's own keys and, to show keys are per account, with another's.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { AlipaySdk } from 'alipay-sdk';
import wechatpay from 'wechatpay-axios-plugin';

const { Wechatpay, Rsa, Formatter, Aes } = wechatpay;
const SANDBOX = (process.env.SANDBOX_URL || 'http://127.0.0.1:8090').replace(/\/$/, '');
const WAIT_MS = Number(process.env.NOTIFY_WAIT_MS || 15000);

let passed = 0;
const failures = [];

async function check(name, body) {
  const start = Date.now();
  try {
    await body();
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - start} ms)`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}: ${error?.stack || error}`);
    if (error?.response?.data) console.log(`     answer: ${JSON.stringify(error.response.data)}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function postJson(path, body) {
  const response = await fetch(SANDBOX + path, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Receives the sandbox's notifications on a local port; each notify_url gets its own path. */
function inbox() {
  const received = new Map();
  const waiting = new Map();
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      const list = received.get(request.url) || [];
      list.push(entry);
      received.set(request.url, list);
      (waiting.get(request.url) || []).forEach((resolve) => resolve(entry));
      waiting.delete(request.url);
      // both channels take these as acknowledgements: Alipay the body "success", WeChat Pay the 200
      response.writeHead(200, { 'content-type': 'text/plain' }).end('success');
    });
  });
  return {
    start: () => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port))),
    stop: () => new Promise((resolve) => server.close(resolve)),
    next(path) {
      const already = received.get(path);
      if (already?.length) return Promise.resolve(already.shift());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no notification at ${path} within ${WAIT_MS} ms`)), WAIT_MS);
        waiting.set(path, [...(waiting.get(path) || []), (entry) => {
          clearTimeout(timer);
          (received.get(path) || []).shift();
          resolve(entry);
        }]);
      });
    },
  };
}

function rsaKeys() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const orderNo = (prefix) => `${prefix}${Date.now()}${randomBytes(3).toString('hex')}`;

// ---------------------------------------------------------------------------------------------------------- Alipay

async function registerAlipayApp() {
  const keys = rsaKeys();
  const registered = await postJson('/sandbox/alipay/apps', { app_public_key: keys.publicKey.toString('base64') });
  const sdk = new AlipaySdk({
    appId: registered.app_id,
    privateKey: keys.privateKey,
    keyType: 'PKCS8',
    alipayPublicKey: registered.alipay_public_key,
    gateway: registered.gateway_url,
    signType: 'RSA2',
    camelcase: false,
  });
  return { registered, sdk };
}

async function alipayChecks(notifyBase, notifications) {
  const app = await registerAlipayApp();
  const other = await registerAlipayApp();
  const exec = (method, params) => app.sdk.exec(method, params, { validateSign: true });
  const paid = orderNo('NA');

  await check('alipay: each registered app gets its own alipay_public_key', () => {
    expect(app.registered.alipay_public_key !== other.registered.alipay_public_key,
      'two registrations were given the same alipay_public_key');
  });

  let qrCode;
  await check('alipay: precreate, answer signature verified by alipay-sdk', async () => {
    const result = await exec('alipay.trade.precreate', {
      notify_url: `${notifyBase}/alipay/${paid}`,
      bizContent: { out_trade_no: paid, total_amount: '1.00', subject: 'node alipay-sdk check' },
    });
    expect(result.code === '10000', `precreate: ${JSON.stringify(result)}`);
    qrCode = result.qr_code;
  });

  await check('alipay: buyer scans and pays; query says TRADE_SUCCESS', async () => {
    const scanned = await postJson('/sandbox/alipay/buyer/scan', { qr_code: qrCode });
    await postJson('/sandbox/alipay/buyer/pay', { trade_no: scanned.trade_no });
    const result = await exec('alipay.trade.query', { bizContent: { out_trade_no: paid } });
    expect(result.code === '10000' && result.trade_status === 'TRADE_SUCCESS', `query: ${JSON.stringify(result)}`);
  });

  await check('alipay: the notification verifies with the app\'s alipay_public_key and not with another app\'s',
    async () => {
      const notification = await notifications.next(`/alipay/${paid}`);
      const params = Object.fromEntries(new URLSearchParams(notification.body));
      expect(params.trade_status === 'TRADE_SUCCESS', `notification: ${notification.body}`);
      expect(app.sdk.checkNotifySignV2(params) === true, 'the app\'s own key does not verify its notification');
      expect(other.sdk.checkNotifySignV2(params) === false, 'another app\'s alipay_public_key verifies it');
    });

  await check('alipay: an answer for one app fails alipay-sdk\'s check with another app\'s alipay_public_key',
    async () => {
      const crossed = new AlipaySdk({
        ...app.sdk.config, alipayPublicKey: other.registered.alipay_public_key,
      });
      let refused = false;
      try {
        await crossed.exec('alipay.trade.query', { bizContent: { out_trade_no: paid } }, { validateSign: true });
      } catch (error) {
        refused = /验签失败/.test(error.message);
      }
      expect(refused, 'the answer verified with another app\'s key');
    });

  await check('alipay: partial refund, then refund query', async () => {
    const refund = await exec('alipay.trade.refund', {
      bizContent: { out_trade_no: paid, refund_amount: '0.40', out_request_no: `${paid}-R1` },
    });
    expect(refund.code === '10000' && refund.fund_change === 'Y', `refund: ${JSON.stringify(refund)}`);
    const query = await exec('alipay.trade.fastpay.refund.query', {
      bizContent: { out_trade_no: paid, out_request_no: `${paid}-R1` },
    });
    expect(query.code === '10000' && query.refund_status === 'REFUND_SUCCESS', `refund query: ${JSON.stringify(query)}`);
  });

  await check('alipay: close an unpaid (scanned) trade; query says TRADE_CLOSED', async () => {
    const open = orderNo('NC');
    const created = await exec('alipay.trade.precreate', {
      bizContent: { out_trade_no: open, total_amount: '2.00', subject: 'to close' },
    });
    await postJson('/sandbox/alipay/buyer/scan', { qr_code: created.qr_code });
    const closed = await exec('alipay.trade.close', { bizContent: { out_trade_no: open } });
    expect(closed.code === '10000', `close: ${JSON.stringify(closed)}`);
    const query = await exec('alipay.trade.query', { bizContent: { out_trade_no: open } });
    expect(query.trade_status === 'TRADE_CLOSED', `query: ${JSON.stringify(query)}`);
  });
}

// ------------------------------------------------------------------------------------------------------ WeChat Pay

async function registerWechatMerchant(keyMode) {
  const keys = rsaKeys();
  const serial = randomBytes(20).toString('hex').toUpperCase();
  const appid = `wx${randomBytes(8).toString('hex')}`;
  const registered = await postJson('/sandbox/wechatpay/merchants', {
    merchant_public_key: keys.publicKey.toString('base64'), merchant_serial_no: serial, key_mode: keyMode,
    appids: [appid],
  });
  // the platform certificate (CERTIFICATE mode) or the WeChat Pay public key (PUBLIC_KEY mode), by its serial/id
  const certs = keyMode === 'CERTIFICATE'
    ? { [registered.platform_certificate_serial_no]: registered.platform_certificate }
    : { [registered.wechatpay_public_key_id]: registered.wechatpay_public_key };
  const wxpay = new Wechatpay({
    mchid: registered.mchid, serial, privateKey: keys.privateKey, certs,
    // used as it is: the client signs the path it sends, /sandbox/wechatpay/v3/...
    baseURL: `${registered.api_base_url}/`,
  });
  return { registered, appid, certs, wxpay };
}

function verifiesWith(certs, notification) {
  const serial = notification.headers['wechatpay-serial'];
  if (!certs[serial]) return false;
  const message = Formatter.response(notification.headers['wechatpay-timestamp'],
    notification.headers['wechatpay-nonce'], notification.body);
  return Rsa.verify(message, notification.headers['wechatpay-signature'], Rsa.from(certs[serial], Rsa.KEY_TYPE_PUBLIC));
}

async function wechatChecks(keyMode, notifyBase, notifications) {
  const merchant = await registerWechatMerchant(keyMode);
  const other = await registerWechatMerchant(keyMode);
  const { mchid } = merchant.registered;
  const v3 = merchant.wxpay.v3;
  const label = `wechatpay ${keyMode}`;
  const native = (outTradeNo, total) => v3.pay.transactions.native.post({
    mchid, appid: merchant.appid, out_trade_no: outTradeNo, description: 'node plugin check',
    notify_url: `${notifyBase}/wechat/${outTradeNo}`, amount: { total, currency: 'CNY' },
  });
  const query = (outTradeNo) => v3.pay.transactions.outTradeNo.$out_trade_no$
    .get({ params: { mchid }, out_trade_no: outTradeNo });
  const paid = orderNo('NW');

  await check(`${label}: each registered merchant gets its own WeChat Pay keys`, () => {
    const [mine] = Object.keys(merchant.certs);
    const [theirs] = Object.keys(other.certs);
    expect(mine !== theirs && merchant.certs[mine] !== other.certs[theirs], 'two merchants share a WeChat Pay key');
  });

  let codeUrl;
  await check(`${label}: native order signed over ${new URL(merchant.registered.api_base_url).pathname}/v3/…, `
    + 'answer signature verified by the plugin', async () => {
    const { status, data } = await native(paid, 120);
    expect(status === 200 && data.code_url, `native: ${status} ${JSON.stringify(data)}`);
    codeUrl = data.code_url;
  });

  await check(`${label}: buyer pays; query (GET with a query string) says SUCCESS`, async () => {
    await postJson('/sandbox/wechatpay/buyer/pay', { code_url: codeUrl });
    const { data } = await query(paid);
    expect(data.trade_state === 'SUCCESS', `query: ${JSON.stringify(data)}`);
  });

  await check(`${label}: the notification verifies with the merchant's key, decrypts with its APIv3 key, `
    + 'and does not verify with another merchant\'s key', async () => {
    const notification = await notifications.next(`/wechat/${paid}`);
    expect(verifiesWith(merchant.certs, notification), 'the merchant\'s own key does not verify its notification');
    expect(!verifiesWith(other.certs, notification), 'another merchant\'s key verifies it');
    const { resource } = JSON.parse(notification.body);
    const transaction = JSON.parse(Aes.AesGcm.decrypt(resource.ciphertext, merchant.registered.api_v3_key,
      resource.nonce, resource.associated_data));
    expect(transaction.out_trade_no === paid && transaction.trade_state === 'SUCCESS',
      `decrypted: ${JSON.stringify(transaction)}`);
  });

  await check(`${label}: refund, then refund query says SUCCESS`, async () => {
    const outRefundNo = `${paid}R1`;
    const { data } = await v3.refund.domestic.refunds.post({
      out_trade_no: paid, out_refund_no: outRefundNo, amount: { refund: 20, total: 120, currency: 'CNY' },
    });
    expect(data.out_refund_no === outRefundNo, `refund: ${JSON.stringify(data)}`);
    const refund = await v3.refund.domestic.refunds.$out_refund_no$.get({ out_refund_no: outRefundNo });
    expect(refund.data.status === 'SUCCESS', `refund query: ${JSON.stringify(refund.data)}`);
  });

  await check(`${label}: close an unpaid order (signed 204); query says CLOSED`, async () => {
    const open = orderNo('NX');
    await native(open, 50);
    const closed = await v3.pay.transactions.outTradeNo.$out_trade_no$.close.post({ mchid }, { out_trade_no: open });
    expect(closed.status === 204, `close: ${closed.status}`);
    const { data } = await query(open);
    expect(data.trade_state === 'CLOSED', `query: ${JSON.stringify(data)}`);
  });

  await check(`${label}: closing the paid order is 400 ORDERPAID`, async () => {
    try {
      await v3.pay.transactions.outTradeNo.$out_trade_no$.close.post({ mchid }, { out_trade_no: paid });
      throw new Error('closing a paid order succeeded');
    } catch (error) {
      expect(error.response?.status === 400 && error.response.data?.code === 'ORDERPAID',
        `close of a paid order: ${error.response?.status} ${JSON.stringify(error.response?.data)}`);
    }
  });
}

// ------------------------------------------------------------------------------------------------------------ main

const notifications = inbox();
const port = await notifications.start();
const notifyBase = `http://127.0.0.1:${port}`;
const started = Date.now();
console.log(`sandbox ${SANDBOX}, notifications to ${notifyBase}`);
try {
  await alipayChecks(notifyBase, notifications);
  await wechatChecks('CERTIFICATE', notifyBase, notifications);
  await wechatChecks('PUBLIC_KEY', notifyBase, notifications);
} catch (error) {
  failures.push(`setup: ${error.message}`);
  console.log(`FAIL setup: ${error.stack}`);
} finally {
  await notifications.stop();
}
console.log(`${passed} passed, ${failures.length} failed in ${Date.now() - started} ms`
  + ' (alipay-sdk and wechatpay-axios-plugin as pinned in package.json)');
process.exit(failures.length === 0 ? 0 : 1);
