package com.multistore.elt.infra;

import com.multistore.elt.testing.ReadinessTestsBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTests extends ReadinessTestsBase {
}
