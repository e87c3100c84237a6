package com.multistore.elt.extractor;

import com.multistore.elt.testing.DatabaseReadinessTestsBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTests extends DatabaseReadinessTestsBase {
}
