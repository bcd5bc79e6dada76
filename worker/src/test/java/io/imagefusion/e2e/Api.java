package io.imagefusion.e2e;

import io.imagefusion.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** RestAssured requests of a client holding both roles, as every test that submits or lists jobs is. */
final class Api {

    private Api() {
    }

    static RequestSpecification client() {
        return RestAssured.given().auth().oauth2(TestTokens.bearer());
    }
}
