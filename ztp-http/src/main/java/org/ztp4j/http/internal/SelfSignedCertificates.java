package org.ztp4j.http.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes the self-signed server certificate {@code TlsConfig.selfSigned} uses: an EC P-256 key,
 * SHA256withECDSA, a subject alternative name for each host name and IP address, valid from a day
 * ago (device clocks are often behind) for two years.
 */
public final class SelfSignedCertificates {

    /** How long a generated certificate is valid. */
    public static final Duration VALIDITY = Duration.ofDays(730);

    /** A stored certificate closer than this to its end is replaced. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private SelfSignedCertificates() {
    }

    /**
     * @param names host names and IP literals the certificate is for (at least one)
     * @return the key pair and its certificate
     * @throws IOException when generation fails
     */
    public static KeyMaterial generate(List<String> names) throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a self-signed certificate needs at least one host name or IP address");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, names.get(0))
                    .addRDN(BCStyle.O, "ztp4j self-signed")
                    .build();
            List<GeneralName> alternatives = new ArrayList<>();
            for (String name : names) {
                alternatives.add(isIpAddress(name)
                        ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name));
            }
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternatives.toArray(new GeneralName[0])))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new KeyMaterial(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("generating a self-signed certificate failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param certificate a stored certificate
     * @param names       the names it should be for
     * @param now         the current time
     * @return why it should be replaced, or {@code null} when it is still good
     */
    public static String whyReplace(X509Certificate certificate, List<String> names, Instant now) {
        if (certificate.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            return "it expires on " + certificate.getNotAfter().toInstant();
        }
        Set<String> covered = new HashSet<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    covered.add(normalise(String.valueOf(san.get(1))));
                }
            }
        } catch (CertificateParsingException e) {
            return "its subject alternative names cannot be read";
        }
        for (String name : names) {
            if (!covered.contains(normalise(name))) {
                return "it does not name " + name;
            }
        }
        return null;
    }

    private static String normalise(String name) {
        if (isIpAddress(name)) {
            try {
                return InetAddress.getByName(name).getHostAddress();
            } catch (IOException e) {
                return name;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a host name or an IP literal
     * @return true for an IPv4 or IPv6 literal (never resolves names)
     */
    public static boolean isIpAddress(String name) {
        return IPAddress.isValid(name);
    }
}
