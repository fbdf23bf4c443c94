package org.tsunagi.gateway.portal;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.pipeline.KeysProperties;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.ledger.CheckpointSigner;

/**
 * The portal's entry page and the two public documents its scripts need: the gateway's public keys (to verify the
 * signature of a delivered copy and of checkpoints) and the field labels of the message schema. Neither holds
 * anything secret; neither needs a token. Not part of the participant API, hence hidden from its OpenAPI document.
 */
@Hidden
@Controller
class PortalController {

    /** What the portal verifies against; published so that a reader can compare it with what it got out of band. */
    record PublicKeys(String gatewayId, String signingCertificate,
                      String checkpointVerifierKey) {
    }

    private final PublicKeys keys;
    private final Map<String, List<FieldLabels.Label>> labels;

    PortalController(GatewayProperties gateway, KeysProperties keyFiles, CheckpointSigner checkpoints) {
        X509Certificate signing;
        try {
            signing = KeyMaterial.certificate(keyFiles.signingCertificate());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("tsunagi.keys.signing-certificate: cannot load "
                    + keyFiles.signingCertificate() + ": " + e.getMessage(), e);
        }
        try {
            this.keys = new PublicKeys(gateway.gatewayId(), Base64.getEncoder().encodeToString(signing.getEncoded()),
                    checkpoints.verifierKey());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("tsunagi.keys.signing-certificate: " + e.getMessage(), e);
        }
        this.labels = FieldLabels.all();
    }

    /** A browser asking for the folder gets the page (static resources are not served for folder paths). */
    @GetMapping({"/portal", "/portal/"})
    String entry() {
        return "forward:/portal/index.html";
    }

    @GetMapping(value = "/portal/keys.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<PublicKeys> publicKeys() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(keys);
    }

    @GetMapping(value = "/portal/fields.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, List<FieldLabels.Label>>> fieldLabels() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1))).body(labels);
    }
}
