package io.ssplab.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** STUB until kafka-broker lands (helper A owns this class): a broker already running at SSP_TEST_BOOTSTRAP. */
public final class TestBroker implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
    }

    @Override
    public void afterAll(ExtensionContext context) {
    }

    public String bootstrap() {
        return System.getenv().getOrDefault("SSP_TEST_BOOTSTRAP", "127.0.0.1:19392");
    }
}
