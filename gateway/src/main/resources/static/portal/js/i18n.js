// Interface text, Japanese first; dates shown in Japan Standard Time.

const TEXT = {
  ja: {
    title: 'つなぎ ポータル',
    skip: '本文へ移動',
    switchTo: 'English',
    signInTitle: 'サインイン',
    signInHelp: '参加者IDと、その参加者の秘密鍵ファイル (PKCS#8 PEM または PKCS#12) を選んでください。鍵はこのブラウザのメモリ内でのみ使われ、サーバーには送られません。',
    participantId: '参加者ID',
    keyFile: '鍵ファイル',
    password: 'パスワード (PKCS#12 または暗号化された鍵の場合)',
    signIn: 'サインイン',
    signOut: 'サインアウト',
    signedInAs: (id, kind) => `${id} としてサインイン中 (${kind} 鍵、メモリ内のみ)`,
    checking: '確認しています…',
    tabInbox: '受信箱',
    tabAudit: '監査',
    inboxTitle: '受信箱',
    inboxCaption: '未受領のメッセージ (古い順)',
    colType: '種別', colDate: '作成日時 (JST)', colSize: 'サイズ', colStatus: '状態', colAction: '操作',
    statusNew: '未開封', statusOpened: '開封済み', statusAcknowledged: '受領確認済み',
    open: '開く', nextPage: '次のページ', refresh: '更新', inboxEmpty: '未受領のメッセージはありません。',
    messageTitle: 'メッセージ',
    verifiedSignature: 'ゲートウェイの署名を検証しました (公開された署名用証明書)。',
    digestOk: (sha) => `受信したデータの SHA-256: ${sha}`,
    saveXml: 'XMLを保存', print: '印刷', acknowledge: '受領確認を送る', close: '閉じる',
    acknowledged: '受領確認を送信しました (署名付き受領証)。',
    headerSection: 'ヘッダー', disclosureSection: '開示情報', bodySection: '内容',
    purpose: '目的', legalBasis: '法的根拠', policy: '開示ポリシー', disclosedAt: '開示日時',
    withheld: '開示されなかった項目', withheldWhy: (purpose) => `目的「${purpose}」の開示ポリシーで許可されていないため、ゲートウェイが削除しました。`,
    withheldNone: '削除された項目はありません。',
    transformed: '加工された項目', transformedWhy: '必要最小限の開示のため、値を加工して提供しています。',
    transformedNone: '加工された項目はありません。',
    resultAt: (label) => `加工後: ${label}`,
    methods: { keep: 'そのまま', pseudonymise: '仮名化 (この受信者に固有で、他の受信者と突合できない)',
      pseudonym: '仮名化', 'age-band': '年齢層 (10歳刻み) に変換', 'birth-year': '生年のみ',
      'release-month': '釈放予定月のみ', municipality: '市区町村コードのみ', 'offence-category': '罪種のみ',
      month: '月のみ', suppressed: '秘匿' },
    auditTitle: '監査',
    checkpointTitle: 'チェックポイント',
    checkpointOk: (size, previous) => `署名を検証しました: 木のサイズ ${size}` + (previous === null ? ' (このブラウザで初めての検証)' : `、前回検証した ${previous} と一貫しています`),
    checkpointKey: (vkey) => `チェックポイント検証鍵: ${vkey}`,
    checkpointFailed: (why) => `チェックポイントの検証に失敗しました: ${why}`,
    reverify: '再検証',
    forgetCheckpoint: '記憶したチェックポイントを消去',
    searchTitle: '開示記録の検索',
    subject: '対象者 (参照値 または 種類:値)', sender: '送信者', recipient: '受信者', purposeFilter: '目的',
    events: 'イベント', from: '開始 (JST)', to: '終了 (JST)', limit: '件数',
    search: '検索', reportTitle: '対象者レポート', report: 'レポート表示',
    resultsCaption: (n) => `検索結果 ${n} 件`,
    colIndex: '番号', colTime: '日時 (JST)', colEvent: 'イベント', colMessage: 'メッセージ', colSender: '送信者',
    colRecipient: '受信者', colPurpose: '目的', colSubject: '対象者', colProof: '証明',
    proofVerified: '検証済み', proofPending: 'チェックポイント待ち', proofFailed: '検証失敗', proofChecking: '検証中',
    proofFailures: (n) => `${n} 件の記録が台帳の証明と一致しません。台帳が改ざんされたか、応答が書き換えられた可能性があります。`,
    chartsTitle: '月別の開示件数',
    chartPurpose: '目的別', chartRecipient: '受信者別', chartEmpty: '表示する開示 (DISCLOSED) がありません。',
    chartMonth: '月',
    eventNames: { DISCLOSED: '開示', DELIVERED: '配信', ACKNOWLEDGED: '受領確認', REFUSED: '拒否',
      QUARANTINED: '隔離', AUDIT_QUERY: '監査照会' },
    errors: {
      'no-file': '鍵ファイルを選んでください。',
      'no-participant': '参加者IDを入力してください。',
      'not-a-key': '鍵ファイルを読めません (PKCS#8 PEM または PKCS#12 を選んでください)。',
      'unsupported-key': 'この種類の鍵には対応していません (EC P-256、RSA、Ed25519)。',
      'unsupported-encryption': 'この鍵ファイルの暗号化方式には対応していません (PBES2/AES が必要です)。',
      'password-required': 'この鍵ファイルにはパスワードが必要です。',
      'wrong-password': 'パスワードが違います。',
      'wrong-key': (id) => `参加者 ${id} が登録されていないか、この鍵が ${id} の登録済みの鍵と一致しません。ゲートウェイはトークンを拒否しました。`,
      'certificate-refused': '参加者の証明書が失効・期限切れ、または信頼されていません。',
      'token-expired': 'トークンの有効期限が切れています。端末の時計を確認してください。',
      forbidden: 'この操作の権限がありません。',
      'rate-limited': '要求が多すぎます。しばらく待ってから再度お試しください。',
      network: 'ゲートウェイに接続できません。',
      'no-checkpoint': 'まだチェックポイントが署名されていません。',
      'not-for-this-key': 'このメッセージはこの鍵で復号できません。',
      'bad-signature': 'ゲートウェイの署名が検証できません。表示しません。',
      'wrong-signer': '公開されたゲートウェイの署名用証明書で署名されていません。表示しません。',
      tampered: '暗号文が改ざんされています。表示しません。',
      'digest-mismatch': '受信したデータのハッシュがゲートウェイの示す値と一致しません。',
      'key-changed': 'ゲートウェイのチェックポイント鍵が、このブラウザで以前信頼した鍵と異なります。',
      inconsistent: '新しいチェックポイントが、前回検証したチェックポイントと一貫していません (台帳の履歴が書き換えられた可能性があります)。',
      'bad-key': 'ゲートウェイが公開しているチェックポイント検証鍵が不正です。',
      malformed: '受信したデータの形式が不正です。',
      unknown: 'エラーが発生しました。',
    },
  },
  en: {
    title: 'Tsunagi portal',
    skip: 'Skip to content',
    switchTo: '日本語',
    signInTitle: 'Sign in',
    signInHelp: 'Choose your participant id and that participant\'s private key file (PKCS#8 PEM or PKCS#12). The key is used in this browser\'s memory only and is never sent to the server.',
    participantId: 'Participant id',
    keyFile: 'Key file',
    password: 'Password (PKCS#12 or encrypted key only)',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedInAs: (id, kind) => `Signed in as ${id} (${kind} key, in memory only)`,
    checking: 'Checking…',
    tabInbox: 'Inbox',
    tabAudit: 'Audit',
    inboxTitle: 'Inbox',
    inboxCaption: 'Messages not yet acknowledged (oldest first)',
    colType: 'Type', colDate: 'Created (JST)', colSize: 'Size', colStatus: 'Status', colAction: 'Action',
    statusNew: 'New', statusOpened: 'Opened', statusAcknowledged: 'Acknowledged',
    open: 'Open', nextPage: 'Next page', refresh: 'Refresh', inboxEmpty: 'No messages waiting.',
    messageTitle: 'Message',
    verifiedSignature: 'The gateway\'s signature was verified (its published signing certificate).',
    digestOk: (sha) => `SHA-256 of what was received: ${sha}`,
    saveXml: 'Save XML', print: 'Print', acknowledge: 'Send acknowledgement', close: 'Close',
    acknowledged: 'Acknowledgement sent (signed receipt).',
    headerSection: 'Header', disclosureSection: 'Disclosure', bodySection: 'Content',
    purpose: 'Purpose', legalBasis: 'Legal basis', policy: 'Disclosure policy', disclosedAt: 'Disclosed at',
    withheld: 'Withheld fields', withheldWhy: (purpose) => `Removed by the gateway: the disclosure policy for the purpose "${purpose}" does not allow them.`,
    withheldNone: 'Nothing was withheld.',
    transformed: 'Transformed fields', transformedWhy: 'Values are generalised or pseudonymised so that no more is disclosed than needed.',
    transformedNone: 'Nothing was transformed.',
    resultAt: (label) => `now in: ${label}`,
    methods: { keep: 'as sent', pseudonymise: 'pseudonymised (stable for this recipient, cannot be joined across recipients)',
      pseudonym: 'pseudonymised', 'age-band': 'age band (10 years)', 'birth-year': 'year of birth only',
      'release-month': 'month of release only', municipality: 'municipality code only',
      'offence-category': 'offence category only', month: 'month only', suppressed: 'suppressed' },
    auditTitle: 'Audit',
    checkpointTitle: 'Checkpoint',
    checkpointOk: (size, previous) => `Signature verified: tree size ${size}` + (previous === null ? ' (first verification in this browser)' : `, consistent with the previously verified size ${previous}`),
    checkpointKey: (vkey) => `Checkpoint verifier key: ${vkey}`,
    checkpointFailed: (why) => `Checkpoint verification FAILED: ${why}`,
    reverify: 'Verify again',
    forgetCheckpoint: 'Forget the remembered checkpoint',
    searchTitle: 'Search disclosures',
    subject: 'Subject (reference or scheme:value)', sender: 'Sender', recipient: 'Recipient', purposeFilter: 'Purpose',
    events: 'Events', from: 'From (JST)', to: 'To (JST)', limit: 'Limit',
    search: 'Search', reportTitle: 'Subject report', report: 'Show report',
    resultsCaption: (n) => `${n} results`,
    colIndex: 'Index', colTime: 'Time (JST)', colEvent: 'Event', colMessage: 'Message', colSender: 'Sender',
    colRecipient: 'Recipient', colPurpose: 'Purpose', colSubject: 'Subject', colProof: 'Proof',
    proofVerified: 'verified', proofPending: 'awaiting checkpoint', proofFailed: 'FAILED', proofChecking: 'checking',
    proofFailures: (n) => `${n} entries do not match the ledger's proofs: the ledger was changed or a response was altered.`,
    chartsTitle: 'Disclosures per month',
    chartPurpose: 'By purpose', chartRecipient: 'By recipient', chartEmpty: 'No disclosures (DISCLOSED) to show.',
    chartMonth: 'Month',
    eventNames: { DISCLOSED: 'disclosed', DELIVERED: 'delivered', ACKNOWLEDGED: 'acknowledged', REFUSED: 'refused',
      QUARANTINED: 'quarantined', AUDIT_QUERY: 'audit query' },
    errors: {
      'no-file': 'Choose a key file.',
      'no-participant': 'Enter a participant id.',
      'not-a-key': 'The key file cannot be read (choose a PKCS#8 PEM or PKCS#12 file).',
      'unsupported-key': 'This kind of key is not supported (EC P-256, RSA, Ed25519).',
      'unsupported-encryption': 'The key file\'s encryption is not supported (PBES2 with AES is needed).',
      'password-required': 'This key file needs its password.',
      'wrong-password': 'Wrong password.',
      'wrong-key': (id) => `Participant ${id} is not registered, or this key is not its registered key: the gateway refused the token.`,
      'certificate-refused': 'The participant\'s certificate is revoked, expired or not trusted.',
      'token-expired': 'The token has expired: check this device\'s clock.',
      forbidden: 'You may not do this.',
      'rate-limited': 'Too many requests: wait a moment and try again.',
      network: 'The gateway cannot be reached.',
      'no-checkpoint': 'No checkpoint has been signed yet.',
      'not-for-this-key': 'This message cannot be decrypted with this key.',
      'bad-signature': 'The gateway\'s signature does not verify: not shown.',
      'wrong-signer': 'Not signed with the gateway\'s published signing certificate: not shown.',
      tampered: 'The ciphertext was altered: not shown.',
      'digest-mismatch': 'What was received does not hash to the value the gateway stated.',
      'key-changed': 'The gateway\'s checkpoint key differs from the one this browser trusted before.',
      inconsistent: 'The new checkpoint is not consistent with the one verified before: the ledger\'s history may have been rewritten.',
      'bad-key': 'The checkpoint verifier key the gateway publishes is malformed.',
      malformed: 'What was received is malformed.',
      unknown: 'Something went wrong.',
    },
  },
};

let language = 'ja';

export const lang = () => language;
export const setLang = (l) => {
  language = l === 'en' ? 'en' : 'ja';
};

/** The text for `key`; functions are called with `args`. */
export function t(key, ...args) {
  const value = TEXT[language][key];
  return typeof value === 'function' ? value(...args) : value;
}

export function errorText(code, ...args) {
  const errors = TEXT[language].errors;
  const value = errors[code] || errors.unknown;
  return typeof value === 'function' ? value(...args) : value;
}

/** Applies the language to every element with data-i18n (text) or data-i18n-label (aria-label). */
export function applyTo(root) {
  document.documentElement.lang = language;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  }
}

const JST = 'Asia/Tokyo';

export function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const text = new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: JST, year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
    .format(date);
  return text + ' JST';
}

/** yyyy-mm of an instant, in JST. */
export function monthOf(iso) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: JST, year: 'numeric', month: '2-digit' })
    .formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'year').value + '-' + parts.find((p) => p.type === 'month').value;
}

/** A datetime-local value read as JST, as an ISO instant; '' stays ''. */
export function jstToInstant(local) {
  if (!local) {
    return '';
  }
  const withSeconds = local.length === 16 ? local + ':00' : local;
  return new Date(withSeconds + '+09:00').toISOString();
}

export function formatSize(bytes) {
  if (bytes < 1024) {
    return bytes + ' B';
  }
  return (bytes / 1024).toFixed(1) + ' KiB';
}
