package org.tsunagi.bench.crypto;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The same primitive operations of the gateway in each JCA provider available here, one thread each, in µs per
 * operation: the JDK's own (SunEC, SunRsaSign, SunJCE), Bouncy Castle, and Amazon Corretto Crypto Provider when its
 * native library loads on this machine. Keys are generated like the demo keys (P-256, RSA 3072).
 *
 * <p>Usage: {@code ProviderBench [seconds per operation]}.
 */
public final class ProviderBench {

    private static final byte[] DATA = new byte[8192];

    private ProviderBench() {
    }

    interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.5;
        new SecureRandom().nextBytes(DATA);
        Map<String, Provider> providers = new LinkedHashMap<>();
        providers.put("JDK", null);
        providers.put("BC", new BouncyCastleProvider());
        Provider accp = corretto();
        if (accp != null) {
            providers.put("ACCP", accp);
        }
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGen.generateKeyPair();
        KeyPair ecPeer = ecGen.generateKeyPair();
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(3072);
        KeyPair rsa = rsaGen.generateKeyPair();

        List<String> rows = new ArrayList<>();
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (Map.Entry<String, Provider> p : providers.entrySet()) {
            Provider provider = p.getValue();
            Map<String, Op> ops = new LinkedHashMap<>();
            byte[] ecSignature = sign("SHA256withECDSA", null, ec, provider);
            ops.put("ECDSA P-256 sign", () -> sign("SHA256withECDSA", null, ec, provider));
            ops.put("ECDSA P-256 verify", () -> verify("SHA256withECDSA", null, ec, ecSignature, provider));
            ops.put("ECDH P-256 agree", () -> {
                KeyAgreement agreement = provider == null ? KeyAgreement.getInstance("ECDH")
                        : KeyAgreement.getInstance("ECDH", provider);
                agreement.init(ec.getPrivate());
                agreement.doPhase(ecPeer.getPublic(), true);
                agreement.generateSecret();
            });
            PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            try {
                byte[] rsaSignature = sign("RSASSA-PSS", pss, rsa, provider);
                ops.put("RSA-3072 PSS sign", () -> sign("RSASSA-PSS", pss, rsa, provider));
                ops.put("RSA-3072 PSS verify", () -> verify("RSASSA-PSS", pss, rsa, rsaSignature, provider));
            } catch (java.security.GeneralSecurityException e) {
                rows.add(p.getKey() + ": RSASSA-PSS not offered (" + e.getMessage() + ")");
            }
            OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    PSource.PSpecified.DEFAULT);
            byte[] wrapped = oaep(Cipher.ENCRYPT_MODE, rsa, oaep, new byte[32], provider);
            ops.put("RSA-3072 OAEP encrypt", () -> oaep(Cipher.ENCRYPT_MODE, rsa, oaep, new byte[32], provider));
            ops.put("RSA-3072 OAEP decrypt", () -> oaep(Cipher.DECRYPT_MODE, rsa, oaep, wrapped, provider));
            SecretKeySpec aes = new SecretKeySpec(new byte[32], "AES");
            SecureRandom random = new SecureRandom();
            ops.put("AES-256-GCM 8 KiB", () -> {
                byte[] iv = new byte[12];
                random.nextBytes(iv);
                Cipher gcm = provider == null ? Cipher.getInstance("AES/GCM/NoPadding")
                        : Cipher.getInstance("AES/GCM/NoPadding", provider);
                gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv));
                gcm.doFinal(DATA);
            });
            Map<String, Double> timings = new LinkedHashMap<>();
            for (Map.Entry<String, Op> op : ops.entrySet()) {
                timings.put(op.getKey(), microsPerOp(op.getValue(), seconds));
            }
            results.put(p.getKey(), timings);
        }
        System.out.println("JCA providers, µs per operation, one thread (lower is better); "
                + (accp == null ? "ACCP did not load here" : "ACCP " + accp.getVersionStr()));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "| %-24s |", "operation"));
        results.keySet().forEach(k -> header.append(String.format(Locale.ROOT, " %8s |", k)));
        header.append(" fastest |");
        System.out.println(header);
        System.out.println("|" + "-".repeat(26) + "|" + "----------|".repeat(results.size()) + "---------|");
        for (String op : results.values().iterator().next().keySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %-24s |", op));
            String fastest = null;
            double best = Double.MAX_VALUE;
            for (Map.Entry<String, Map<String, Double>> r : results.entrySet()) {
                Double t = r.getValue().get(op);
                row.append(t == null ? "        - |" : String.format(Locale.ROOT, " %8.1f |", t));
                if (t != null && t < best) {
                    best = t;
                    fastest = r.getKey();
                }
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %-7s |", fastest)));
        }
        rows.forEach(System.out::println);
    }

    /** ACCP if its jar is on the class path and its native library loads here, else {@code null}. */
    private static Provider corretto() {
        try {
            Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            Throwable error = (Throwable) type.getMethod("getLoadingError").invoke(provider);
            if (error != null) {
                System.out.println("ACCP is on the class path but does not load: " + error);
                return null;
            }
            return provider;
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("ACCP is not available: " + e);
            return null;
        }
    }

    private static double microsPerOp(Op op, double seconds) throws Exception {
        long warmUntil = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmUntil) {
            op.run();
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1e3 / n;
    }

    private static byte[] sign(String algorithm, PSSParameterSpec params, KeyPair keys, Provider provider)
            throws Exception {
        Signature signature = provider == null ? Signature.getInstance(algorithm)
                : Signature.getInstance(algorithm, provider);
        if (params != null) {
            signature.setParameter(params);
        }
        signature.initSign(keys.getPrivate());
        signature.update(DATA, 0, 32);
        return signature.sign();
    }

    private static void verify(String algorithm, PSSParameterSpec params, KeyPair keys, byte[] sig,
                               Provider provider) throws Exception {
        Signature signature = provider == null ? Signature.getInstance(algorithm)
                : Signature.getInstance(algorithm, provider);
        if (params != null) {
            signature.setParameter(params);
        }
        signature.initVerify(keys.getPublic());
        signature.update(DATA, 0, 32);
        if (!signature.verify(sig)) {
            throw new IllegalStateException(algorithm + " did not verify");
        }
    }

    private static byte[] oaep(int mode, KeyPair keys, OAEPParameterSpec oaep, byte[] input, Provider provider)
            throws Exception {
        Cipher cipher = provider == null ? Cipher.getInstance("RSA/ECB/OAEPPadding")
                : Cipher.getInstance("RSA/ECB/OAEPPadding", provider);
        cipher.init(mode, mode == Cipher.ENCRYPT_MODE ? keys.getPublic() : keys.getPrivate(), oaep);
        return cipher.doFinal(input);
    }
}
