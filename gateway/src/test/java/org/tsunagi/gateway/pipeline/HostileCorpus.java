package org.tsunagi.gateway.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.tsunagi.routes.envelope.EnvelopeLimits;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageSealer;

/**
 * The hostile drops a participant's SFTP account can make, each with the reason code the gateway must give it. Made
 * fresh per run (encryption needs the gateway's key and fresh randomness; dates are relative to now). To grow the
 * corpus, add a case here: {@link HostileDropsTest} drops them all in one run.
 * <p>
 * Not here (they depend on how the pipeline takes files, tested with it): 0-byte files, dot-file and very long
 * names, renames racing the pipeline.
 */
final class HostileCorpus {

    /** One hostile drop: its file name in the inbox, its bytes, the reason code expected. */
    record Case(String name, byte[] bytes, String reasonCode, boolean messageIdKnown) {
    }

    static final String SENDER = "facility-nagoya";

    private static final String AUTH_ENVELOPED_HEAD = "3080060b2a864886f70d0109100117a0803080020100";
    private static final String SIGNED_DATA_HEAD = "308006092a864886f70d010702a0803080020101";

    private HostileCorpus() {
    }

    static List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        // CMS before decryption: no key needed to make these
        // (its own text: tests sharing the gateway find refusals by the file's digest)
        cases.add(new Case("garbage.p7m", "hostile corpus: not a CMS file".getBytes(StandardCharsets.US_ASCII),
                "MALFORMED_CMS", false));
        for (int depth : new int[] {4_000, 40_000}) {
            cases.add(new Case("recipient-infos-nested-" + depth + ".p7m",
                    concat(hex(AUTH_ENVELOPED_HEAD + "3180"), nested(depth), new byte[6]), "MALFORMED_CMS", false));
        }
        byte[] bomb = new byte[90];
        byte[] head = hex(AUTH_ENVELOPED_HEAD + "3180" + "04841f000000"); // an OCTET STRING claiming 496 MiB
        System.arraycopy(head, 0, bomb, 0, head.length);
        cases.add(new Case("recipient-infos-length-bomb.p7m", bomb, "MALFORMED_CMS", false));
        // CMS after decryption: validly encrypted to the gateway, hostile inside
        for (int depth : new int[] {4_000, 40_000}) {
            cases.add(new Case("signed-data-nested-" + depth + ".p7m", encryptToGateway(
                    concat(hex(SIGNED_DATA_HEAD + "3180"), nested(depth), new byte[8])), "MALFORMED_CMS", false));
        }
        cases.add(new Case("signed-data-length-bomb.p7m", encryptToGateway(
                concat(hex(SIGNED_DATA_HEAD + "3180" + "04841f000000"), new byte[64])), "MALFORMED_CMS", false));
        cases.add(new Case("other-signer.p7m", DemoParticipants.sealToGateway(
                DemoParticipants.sample("ReleaseNotice"), "231002"), "SIGNER_NOT_INBOX_OWNER", false));

        // XML inside valid envelopes
        String notice = DemoParticipants.sample("ReleaseNotice");
        byte[] xml = notice.getBytes(StandardCharsets.UTF_8);
        int rootStart = notice.indexOf("<ReleaseNotice");
        String root = notice.substring(rootStart);
        cases.add(sealed("double-utf8-bom.p7m", concat(hex("efbbbfefbbbf"), xml), "MALFORMED_XML"));
        cases.add(sealed("two-root-elements.p7m", (notice + root).getBytes(StandardCharsets.UTF_8), "MALFORMED_XML"));
        cases.add(sealed("white-space-before-declaration.p7m", ("\n  " + notice).getBytes(StandardCharsets.UTF_8),
                "MALFORMED_XML"));
        cases.add(sealed("xml11-control-character.p7m", notice.replace("version=\"1.0\"", "version=\"1.1\"")
                .replace("佐藤　健一", "佐藤&#x1;健一").getBytes(StandardCharsets.UTF_8), "MALFORMED_XML"));
        cases.add(sealed("declared-shift-jis.p7m", notice.replace("encoding=\"UTF-8\"", "encoding=\"Shift_JIS\"")
                .getBytes(StandardCharsets.UTF_8), "UNSUPPORTED_ENCODING"));
        cases.add(sealed("billion-laughs.p7m", (notice.substring(0, rootStart) + "<!DOCTYPE r [<!ENTITY a \"aaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n" + root).getBytes(StandardCharsets.UTF_8),
                "DOCTYPE_FORBIDDEN"));
        cases.add(sealed("deep-xml.p7m", notice.replace("<Kanji>佐藤　健一</Kanji>",
                "<x>".repeat(5_000) + "</x>".repeat(5_000)).getBytes(StandardCharsets.UTF_8), "TOO_DEEP"));

        // Freshness
        cases.add(new Case("created-2099.p7m", DemoParticipants.sealToGateway(created(notice, "2099-01-01T00:00:00Z"),
                SENDER), "FUTURE_DATED", true));
        cases.add(new Case("created-1970.p7m", DemoParticipants.sealToGateway(created(notice, "1970-01-01T00:00:00Z"),
                SENDER), "STALE_MESSAGE", true));
        cases.add(new Case("signed-next-year.p7m", sealedAt(DemoParticipants.sample("ReleaseNotice"),
                Duration.ofDays(365)), "FUTURE_DATED", false));
        cases.add(new Case("signed-two-days-ago.p7m", sealedAt(DemoParticipants.sample("ReleaseNotice"),
                Duration.ofDays(-2)), "STALE_MESSAGE", false));
        return cases;
    }

    private static Case sealed(String name, byte[] xml, String reason) {
        return new Case(name, seal(xml), reason, false);
    }

    private static byte[] seal(byte[] xml) {
        try {
            return new MessageSealer().seal(xml, DemoParticipants.credentials(SENDER), gatewayCertificate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String created(String xml, String at) {
        return xml.replaceFirst("<CreatedAt>[^<]*</CreatedAt>", "<CreatedAt>" + at + "</CreatedAt>");
    }

    private static byte[] sealedAt(String xml, Duration offset) throws Exception {
        return new MessageSealer(EnvelopeLimits.defaults(), Clock.offset(Clock.systemUTC(), offset))
                .seal(xml.getBytes(StandardCharsets.UTF_8), DemoParticipants.credentials(SENDER), gatewayCertificate());
    }

    private static X509Certificate gatewayCertificate() throws Exception {
        return KeyMaterial.certificate(DemoParticipants.KEYS.resolve("gateway/encryption-cert.pem"));
    }

    /** AES-256-GCM AuthEnvelopedData around {@code plain} for the gateway's RSA key (OAEP), as senders make it. */
    private static byte[] encryptToGateway(byte[] plain) throws Exception {
        var oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        CMSAuthEnvelopedDataStreamGenerator envelope = new CMSAuthEnvelopedDataStreamGenerator();
        envelope.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(gatewayCertificate(), oaep));
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .build(aes.generateKey());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encrypting = envelope.open(out, encryptor)) {
            encrypting.write(plain);
        }
        return out.toByteArray();
    }

    /** {@code depth} nested indefinite-length SEQUENCEs, closed. */
    private static byte[] nested(int depth) {
        byte[] bytes = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            bytes[2 * i] = 0x30;
            bytes[2 * i + 1] = (byte) 0x80;
        }
        return bytes;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
