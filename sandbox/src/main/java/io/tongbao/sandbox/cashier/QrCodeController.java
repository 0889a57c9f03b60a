package io.tongbao.sandbox.cashier;

import io.tongbao.sandbox.SandboxProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sandbox/cashier/qr.png?text=…}: any QR code string (qr_code, code_url, h5_url) as an image. */
@RestController
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class QrCodeController {

    @GetMapping("/sandbox/cashier/qr.png")
    ResponseEntity<byte[]> qr(@RequestParam String text) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(text));
    }
}
