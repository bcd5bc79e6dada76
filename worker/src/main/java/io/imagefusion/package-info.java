/** Image fusion worker: consumes fusion requests, fuses registered source images, reports results. */
package io.imagefusion;
